import { collectDefaultMetrics, Registry } from 'prom-client';

/** The app's Prometheus registry, with process metrics under the `larksync_` prefix. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'larksync_' });
  return registry;
}
