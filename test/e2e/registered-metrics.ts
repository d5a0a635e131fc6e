import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';

export const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Metric names the apps register: their own (`metrics.counter('larksync_…'`, or `name: 'larksync_…'` in libs below the platform) and prom-client's process metrics. */
export async function registeredMetrics(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(?:name: |metrics\.(?:counter|gauge|histogram)\(\s*)'(larksync_[a-z0-9_]+)'/g,
    ))
      names.add(match[1]);
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'larksync_' });
  (await registry.getMetricsAsJSON()).forEach((metric) => names.add(metric.name));
  return names;
}

/** A metric's base name: histograms' and summaries' series suffixes removed. */
export function baseMetricName(series: string): string {
  return series.replace(/_(bucket|count|sum)$/, '');
}
