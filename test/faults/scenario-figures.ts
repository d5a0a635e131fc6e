import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../../deploy/local/src/repo-root';
import { FaultCluster } from './fault-cluster';

export interface ScenarioFigures {
  scenario: string;
  eventsSent: number;
  /** Deliveries made by the simulator, duplicates and retries included. */
  deliveries: number;
  /** Deliveries the gateways did not answer 200 (Lark retries them on its schedule). */
  failedDeliveries: number;
  reflected: number;
  lost: number;
  appliedTwice: number;
  wronglyDeactivated: number;
  convergeSeconds: number;
  extra?: Record<string, unknown>;
}

/** Events of the scenario the directory recorded as processed, and those that made one change twice. */
export async function eventFigures(
  cluster: FaultCluster,
  eventIds: string[],
): Promise<{ reflected: number; lost: string[]; appliedTwice: number }> {
  return cluster.withOwner(async (client) => {
    const processed = await client.query<{ event_id: string }>(
      'SELECT event_id FROM processed_event WHERE idp_id = $1 AND event_id = ANY($2)',
      [cluster.idpId, eventIds],
    );
    const seen = new Set(processed.rows.map((row) => row.event_id));
    const twice = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (
         SELECT 1 FROM change_log
          WHERE idp_id = $1 AND cause->>'kind' = 'event' AND cause->>'eventId' = ANY($2)
          GROUP BY cause->>'eventId', entity, entity_id, op HAVING count(*) > 1) AS repeated`,
      [cluster.idpId, eventIds],
    );
    return {
      reflected: seen.size,
      lost: eventIds.filter((id) => !seen.has(id)),
      appliedTwice: twice.rows[0].count,
    };
  });
}

/** Users the directory deactivated since `sinceChangeLogId` who are active in Lark. */
export async function deactivatedByMistake(
  cluster: FaultCluster,
  sinceChangeLogId: number,
  activeInLark: Set<string>,
): Promise<string[]> {
  return cluster.withOwner(async (client) => {
    const { rows } = await client.query<{ entity_id: string }>(
      `SELECT DISTINCT entity_id FROM change_log
        WHERE idp_id = $1 AND entity = 'user' AND op = 'deactivated' AND id > $2`,
      [cluster.idpId, sinceChangeLogId],
    );
    return rows.map((row) => row.entity_id).filter((openId) => activeInLark.has(openId));
  });
}

export async function lastChangeLogId(cluster: FaultCluster): Promise<number> {
  return cluster.withOwner(async (client) => {
    const { rows } = await client.query<{ id: string | null }>('SELECT max(id) AS id FROM change_log');
    return Number(rows[0].id ?? 0);
  });
}

/** The suite's figures, written after each scenario to dist/faults-report.json for docs/reliability.md. */
export class FaultReport {
  readonly scenarios: ScenarioFigures[] = [];
  private readonly startedAt = Date.now();
  readonly file = join(findRepoRoot(), 'dist', 'faults-report.json');

  record(figures: ScenarioFigures): void {
    this.scenarios.push(figures);
    process.stdout.write(`[faults] ${JSON.stringify(figures)}\n`);
    writeFileSync(
      this.file,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: {
            cores: cpus().length,
            memoryGiB: Math.round(totalmem() / 2 ** 30),
            node: process.version,
          },
          wallSeconds: Math.round((Date.now() - this.startedAt) / 1000),
          scenarios: this.scenarios,
        },
        null,
        2,
      )}\n`,
    );
  }
}
