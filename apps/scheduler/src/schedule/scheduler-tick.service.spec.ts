import { createLogger } from '@app/logging';
import { Registry } from 'prom-client';
import { ScheduleRunnerService, TickSummary } from './schedule-runner.service';
import { SchedulerTickService } from './scheduler-tick.service';
import { SchedulerMetrics } from './scheduler.metrics';

const idle: TickSummary = {
  outcomes: { inactive: 0, waiting: 0, published: 0, republished: 0, 'claimed-by-peer': 0 },
  failed: 0,
};

function aTickService(runOnce: () => Promise<TickSummary>) {
  const registry = new Registry();
  const service = new SchedulerTickService(
    { runOnce } as ScheduleRunnerService,
    new SchedulerMetrics(registry),
    { instanceId: 'test', tickMs: 100, claimTimeoutMs: 60_000 },
    createLogger('tick-spec', 'silent'),
  );
  return { service, registry };
}

describe('SchedulerTickService', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should run a pass at boot and then every tick, one at a time', async () => {
    const runOnce = jest.fn(async () => idle);
    const { service } = aTickService(runOnce);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(350);
    expect(runOnce).toHaveBeenCalledTimes(4);
    expect(service.completedTicks).toBe(4);
    await service.onModuleDestroy();
  });

  it('should wait for the pass under way when stopped, then run no more', async () => {
    let finish: () => void = () => undefined;
    const runOnce = jest.fn(() => new Promise<TickSummary>((resolve) => (finish = () => resolve(idle))));
    const { service } = aTickService(runOnce);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = service.onModuleDestroy().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(50);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(1000);
    expect(runOnce).toHaveBeenCalledTimes(1);
  });

  it('should count a failed pass and keep ticking', async () => {
    const runOnce = jest.fn().mockRejectedValueOnce(new Error('database down')).mockResolvedValue(idle);
    const { service, registry } = aTickService(runOnce);
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(150);
    expect(runOnce).toHaveBeenCalledTimes(2);
    expect(await registry.metrics()).toContain('larksync_scheduler_tick_failures_total 1');
    await service.onModuleDestroy();
  });
});
