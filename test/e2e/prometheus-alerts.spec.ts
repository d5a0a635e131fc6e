import { parser } from '@prometheus-io/lezer-promql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { baseMetricName, registeredMetrics, ROOT } from './registered-metrics';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const rules = (
  parse(readFileSync(join(ROOT, 'deploy', 'prometheus', 'larksync-alerts.yml'), 'utf8')) as {
    groups: { name: string; rules: Rule[] }[];
  }
).groups.flatMap((group) => group.rules);
const runbook = readFileSync(join(ROOT, 'docs', 'runbook.md'), 'utf8');

/** Syntax errors and metric names of a PromQL expression, by Prometheus's own grammar. */
function readExpression(expr: string): { errors: number; metrics: string[] } {
  let errors = 0;
  const metrics: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors += 1;
      if (node.name === 'Identifier') metrics.push(expr.slice(node.from, node.to));
    },
  });
  return { errors, metrics };
}

describe('the Prometheus alerting rules', () => {
  let registered: Set<string>;

  beforeAll(async () => {
    registered = await registeredMetrics();
  });

  it('should hold rules', () => {
    expect(rules.length).toBeGreaterThan(10);
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))(
    '%s should parse as PromQL and query only metrics the apps register (or up)',
    (_alert, rule) => {
      const { errors, metrics } = readExpression(rule.expr);
      expect(errors).toBe(0);
      expect(metrics.length).toBeGreaterThan(0);
      expect(metrics.map(baseMetricName).filter((name) => name !== 'up' && !registered.has(name))).toEqual(
        [],
      );
    },
  );

  it.each(rules.map((rule) => [rule.alert, rule] as const))(
    '%s should have a severity, a summary and a runbook section',
    (alert, rule) => {
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      expect(rule.annotations?.runbook).toBe(`docs/runbook.md#${alert.toLowerCase()}`);
      expect(runbook).toContain(`\n### ${alert}\n`);
    },
  );

  it('should give each alert its own name', () => {
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
  });

  it('should catch a broken expression and an unknown metric', () => {
    expect(readExpression('sum by (le (rate(larksync_consumer_lag[5m]))').errors).toBeGreaterThan(0);
    expect(
      registered.has(baseMetricName(readExpression('rate(larksync_no_such_total[5m])').metrics[0])),
    ).toBe(false);
  });
});
