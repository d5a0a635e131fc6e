import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseMetricName, registeredMetrics, ROOT } from './registered-metrics';

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string }[];
}

const DASHBOARD = join(ROOT, 'deploy', 'grafana', 'larksync-dashboard.json');
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
  panels: Panel[];
};
const panels = dashboard.panels.filter((panel) => panel.type !== 'row');

function referencedMetrics(): string[] {
  const exprs = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  const names = exprs.flatMap((expr) =>
    [...expr.matchAll(/\b(larksync_[a-z0-9_]+)/g)].map((match) => match[1]),
  );
  return [...new Set(names.map(baseMetricName))];
}

function overlaps(a: Panel['gridPos'], b: Panel['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('the Grafana dashboard', () => {
  it('should only query metrics that the apps register', async () => {
    const registered = await registeredMetrics();
    expect(referencedMetrics().filter((name) => !registered.has(name))).toEqual([]);
  });

  it.each([
    'larksync_gateway_deliveries_rejected_total',
    'larksync_gateway_publish_seconds',
    'larksync_directory_events_total',
    'larksync_full_sync_duration_seconds',
    'larksync_full_sync_holds_total',
    'larksync_full_sync_interrupted_total',
    'larksync_full_sync_last_drift',
    'larksync_projector_time_to_revoke_seconds',
    'larksync_scheduler_next_run_timestamp_seconds',
    'larksync_scheduler_backoff_factor',
    'larksync_consumer_lag',
    'larksync_process_resident_memory_bytes',
  ])('should chart %s', (metric) => {
    expect(referencedMetrics()).toContain(metric);
  });

  it('should give every panel a unique id and a place of its own', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const clashes = dashboard.panels.flatMap((a, i) =>
      dashboard.panels
        .slice(i + 1)
        .filter((b) => overlaps(a.gridPos, b.gridPos))
        .map((b) => `${a.title} / ${b.title}`),
    );
    expect(clashes).toEqual([]);
  });
});
