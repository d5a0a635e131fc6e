import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SyncRunTrigger = 'scheduled' | 'manual' | 'scope-change';
export type SyncRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'held';

/** One full sync of an IdP: what started it, how far it got, what it changed. */
@Entity('sync_run')
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idp_id', type: 'uuid' })
  idpId!: string;

  @Column({ type: 'text' })
  trigger!: SyncRunTrigger;

  /** Unique per IdP: a redelivered or repeated command finds its run instead of starting another. */
  @Column({ name: 'command_id', type: 'text' })
  commandId!: string;

  /** Commands that arrived while this run was queued or running, merged into it. */
  @Column({ name: 'merged_command_ids', type: 'text', array: true, default: '{}' })
  mergedCommandIds!: string[];

  @Column({ type: 'text' })
  status!: SyncRunStatus;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ name: 'include_users', type: 'boolean' })
  includeUsers!: boolean;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  progress!: Record<string, number>;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts!: Record<string, number>;

  @Column({ type: 'int', default: 0 })
  drift!: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors!: unknown[];

  /** For a run held by the deletion guard: the deactivations awaiting approval. */
  @Column({ name: 'pending_deactivations', type: 'jsonb', nullable: true })
  pendingDeactivations!: unknown[] | null;

  /** When the snapshot read began (ms): state newer than this came from events and wins. */
  @Column({ name: 'snapshot_at', type: 'timestamptz', nullable: true })
  snapshotAt!: Date | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs!: number | null;

  /** 1, then one more each time the run is queued again because its worker stopped. */
  @Column({ type: 'int', default: 1 })
  attempt!: number;

  /** Touched by its worker's heartbeat and every progress update; a run left untouched for long was interrupted. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
