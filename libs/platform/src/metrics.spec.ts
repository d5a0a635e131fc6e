import { register as globalRegistry, Registry } from 'prom-client';
import { metricsOn } from './metrics';

describe('metricsOn', () => {
  it('registers counters, gauges and histograms on the given registry only, with their labels', async () => {
    const registry = new Registry();
    const metrics = metricsOn(registry);
    metrics.counter('t_events_total', 'events', ['outcome']).inc({ outcome: 'applied' }, 2);
    metrics.gauge('t_lag_seconds', 'lag').set(3);
    metrics.histogram('t_batch_seconds', 'batch', [0.1, 1]).observe(0.5);

    const text = await registry.metrics();
    expect(text).toContain('t_events_total{outcome="applied"} 2');
    expect(text).toContain('t_lag_seconds 3');
    expect(text).toContain('t_batch_seconds_bucket{le="1"} 1');
    expect(globalRegistry.getSingleMetric('t_events_total')).toBeUndefined();
  });
});
