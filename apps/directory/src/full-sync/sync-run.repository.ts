import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FullSyncCommand } from '@app/contracts';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { SyncItem } from './sync-items';

export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'held' | 'rejected';

/** A sync run as the API returns it. */
export interface SyncRunView {
  id: string;
  idpId: string;
  trigger: FullSyncCommand['reason'];
  commandId: string;
  mergedCommandIds: string[];
  status: SyncRunStatus;
  dryRun: boolean;
  includeUsers: boolean;
  /** 1, or more when the run was queued again after its worker stopped. */
  attempt: number;
  progress: Record<string, number>;
  counts: Record<string, number>;
  drift: number;
  errors: { message: string; code?: number; endpoint?: string }[];
  /** Held runs: who would go, awaiting approval. */
  pendingDeactivations: { entity: string; entityId: string; name: string; status: string }[] | null;
  snapshotAt: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

export type EnqueueOutcome = 'created' | 'duplicate' | 'merged';

const COLUMNS = `id, idp_id::text AS "idpId", trigger, command_id AS "commandId", merged_command_ids AS "mergedCommandIds", status,
  dry_run AS "dryRun", include_users AS "includeUsers", attempt, progress, counts, drift, errors,
  CASE WHEN pending_deactivations IS NULL THEN NULL ELSE (SELECT coalesce(jsonb_agg(jsonb_build_object('entity', p->'change'->>'entity',
    'entityId', p->'change'->>'entityId', 'name', p->'change'->'after'->>'name', 'status', p->'change'->'after'->>'status')), '[]') FROM jsonb_array_elements(pending_deactivations) p) END AS "pendingDeactivations",
  snapshot_at AS "snapshotAt", requested_at AS "requestedAt", started_at AS "startedAt", finished_at AS "finishedAt", duration_ms AS "durationMs"`;

type Row = Record<string, unknown>;

function toView(row: Row): SyncRunView {
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
  return {
    ...(row as unknown as SyncRunView),
    snapshotAt: iso(row.snapshotAt),
    requestedAt: iso(row.requestedAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

/** The `sync_run` table: one queued or running run per IdP, commands collapsing on their id. */
@Injectable()
export class SyncRunRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions,
  ) {}

  /** Records a command: its own run, the run it already has (duplicate), or merged into the IdP's active run. */
  async enqueue(
    command: FullSyncCommand,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ run: SyncRunView; outcome: EnqueueOutcome }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [existing] = await manager.query(
        `SELECT ${COLUMNS} FROM sync_run WHERE idp_id = $1 AND ($2 = command_id OR $2 = ANY(merged_command_ids))
         ORDER BY requested_at DESC LIMIT 1`,
        [command.idpId, command.commandId],
      );
      if (existing) return { run: toView(existing), outcome: 'duplicate' };
      const [created] = await manager.query(
        `INSERT INTO sync_run (idp_id, trigger, command_id, status, include_users, requested_at) VALUES ($1, $2, $3, 'queued', $4, $5)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [command.idpId, command.reason, command.commandId, command.includeUsers, command.requestedAt],
      );
      if (created) return { run: toView(created), outcome: 'created' };
      const [merged] = await this.update(
        `UPDATE sync_run SET merged_command_ids = array_append(merged_command_ids, $2), include_users = include_users OR (status = 'queued' AND $3), updated_at = now()
         WHERE idp_id = $1 AND status IN ('queued', 'running') AND NOT dry_run RETURNING ${COLUMNS}`,
        [command.idpId, command.commandId, command.includeUsers],
        manager,
      );
      if (merged) return { run: toView(merged), outcome: 'merged' };
    }
    throw new Error(`could not record full-sync command ${command.commandId}: the IdP's runs kept changing`);
  }

  /** A dry run: recorded, never blocking real runs. */
  async createDryRun(idpId: string, includeUsers: boolean, commandId: string): Promise<SyncRunView> {
    const [row] = await this.dataSource.query(
      `INSERT INTO sync_run (idp_id, trigger, command_id, status, dry_run, include_users, started_at) VALUES ($1, 'manual', $2, 'running', true, $3, now()) RETURNING ${COLUMNS}`,
      [idpId, commandId, includeUsers],
    );
    return toView(row);
  }

  /** Queued → running; undefined when another worker took it or it is not queued. */
  async claim(runId: string): Promise<SyncRunView | undefined> {
    const [row] = await this.update(
      `UPDATE sync_run SET status = 'running', started_at = now(), updated_at = now() WHERE id = $1 AND status = 'queued' RETURNING ${COLUMNS}`,
      [runId],
    );
    return row ? toView(row) : undefined;
  }

  async recordProgress(runId: string, progress: Record<string, number>): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_run SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [runId, JSON.stringify(progress)],
    );
  }

  async recordSnapshotTime(runId: string, takenAt: number): Promise<void> {
    await this.dataSource.query(`UPDATE sync_run SET snapshot_at = $2, updated_at = now() WHERE id = $1`, [
      runId,
      new Date(takenAt),
    ]);
  }

  /**
   * Records a queued or running run's outcome. A run already taken as interrupted (its retry is the live one)
   * keeps its record: the run as stored is returned.
   */
  async finish(runId: string, outcome: RunOutcome): Promise<SyncRunView> {
    const [row] = await this.update(
      `UPDATE sync_run SET status = $2, counts = $3, drift = $4, errors = $5, pending_deactivations = $6, progress = coalesce($7, progress),
         finished_at = CASE WHEN $2 = 'held' THEN NULL ELSE now() END, duration_ms = (extract(epoch FROM now() - started_at) * 1000)::int, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [
        runId,
        outcome.status,
        JSON.stringify(outcome.counts ?? {}),
        outcome.drift ?? 0,
        JSON.stringify(outcome.errors ?? []),
        outcome.pending ? JSON.stringify(outcome.pending) : null,
        outcome.progress ? JSON.stringify(outcome.progress) : null,
      ],
    );
    return row ? toView(row) : (await this.get(runId))!;
  }

  /** A held run's pending items, taking the approval (held → running) so it happens once. */
  async takeApproval(
    runId: string,
    manager?: EntityManager,
  ): Promise<{ run: SyncRunView; pending: SyncItem[] } | undefined> {
    const [row] = await this.update(
      `UPDATE sync_run SET status = 'running', updated_at = now() WHERE id = $1 AND status = 'held' RETURNING ${COLUMNS}, pending_deactivations AS "rawPending"`,
      [runId],
      manager,
    );
    return row ? { run: toView(row), pending: (row.rawPending ?? []) as SyncItem[] } : undefined;
  }

  /** Held → rejected, its pending deactivations kept for the record and never applied; undefined when not held. */
  async reject(runId: string, manager?: EntityManager): Promise<SyncRunView | undefined> {
    const [row] = await this.update(
      `UPDATE sync_run SET status = 'rejected', finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'held' RETURNING ${COLUMNS}`,
      [runId],
      manager,
    );
    return row && toView(row);
  }

  async get(runId: string): Promise<SyncRunView | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM sync_run WHERE id = $1`, [runId]);
    return row ? toView(row) : undefined;
  }

  async listForIdp(idpId: string, limit = 50): Promise<SyncRunView[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sync_run WHERE idp_id = $1 ORDER BY requested_at DESC LIMIT $2`,
      [idpId, limit],
    );
    return rows.map(toView);
  }

  /** TypeORM answers an UPDATE … RETURNING with [rows, count]. */
  private async update(sql: string, parameters: unknown[], manager?: EntityManager): Promise<Row[]> {
    const [rows] = (await (manager ?? this.dataSource).query(sql, parameters)) as [Row[], number];
    return rows;
  }

  /** Keeps this worker's runs from being taken as interrupted, the queued ones too (they wait for a slot here). */
  async heartbeat(runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE sync_run SET updated_at = now() WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running')`,
      [runIds],
    );
  }

  /**
   * Fails every queued or running run left untouched for `staleAfterMs` (its worker stopped) and queues
   * each again as its next attempt, carrying the commands merged into it, unless it was a dry run or its
   * last attempt. Returns how many were interrupted and the ids of the runs queued again. `ownRunIds`, the runs
   * this worker is on, are never among them, however stale their row looks.
   */
  async requeueInterrupted(
    ownRunIds: readonly string[] = [],
  ): Promise<{ interrupted: number; requeued: string[] }> {
    const [found] = await this.dataSource.query(
      `WITH interrupted AS (
         UPDATE sync_run SET status = 'failed', finished_at = now(), updated_at = now(),
           duration_ms = (extract(epoch FROM now() - coalesce(started_at, requested_at)) * 1000)::int,
           errors = errors || jsonb_build_array(jsonb_build_object('message', CASE
             WHEN dry_run THEN 'interrupted: its worker stopped'
             WHEN attempt >= $2 THEN format('interrupted: its worker stopped on attempt %s of %s; not queued again', attempt, $2)
             ELSE 'interrupted: its worker stopped; queued again as attempt ' || (attempt + 1) END))
         WHERE status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => $1)
           AND NOT (id = ANY($3::uuid[]))
         RETURNING id, idp_id, trigger, command_id, merged_command_ids, include_users, dry_run, attempt
       ), requeued AS (
         INSERT INTO sync_run (idp_id, trigger, command_id, merged_command_ids, status, include_users, attempt)
         SELECT idp_id, trigger, 'retry-of:' || id, merged_command_ids || command_id, 'queued', include_users, attempt + 1
         FROM interrupted WHERE NOT dry_run AND attempt < $2
         ON CONFLICT DO NOTHING
         RETURNING id
       )
       SELECT (SELECT count(*)::int FROM interrupted) AS interrupted,
         (SELECT coalesce(array_agg(id::text), '{}') FROM requeued) AS requeued`,
      [(this.options.staleAfterMs ?? 60_000) / 1000, this.options.maxAttempts ?? 3, ownRunIds],
    );
    return found;
  }
}

export interface RunOutcome {
  status: SyncRunStatus;
  counts?: Record<string, number>;
  drift?: number;
  errors?: { message: string; code?: number; endpoint?: string }[];
  pending?: SyncItem[];
  progress?: Record<string, number>;
}
