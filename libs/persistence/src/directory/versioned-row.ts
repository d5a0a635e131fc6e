import { Column, UpdateDateColumn } from 'typeorm';

/** Columns every directory row carries to order its writers: the last event or sync run, and its version. */
export abstract class VersionedRow {
  /** Lark createTime (ms) of the last event applied, or the snapshot time of the sync run that wrote the row. */
  @Column({ name: 'source_version', type: 'bigint' })
  sourceVersion!: string;

  /** Id of the event that last wrote the row (null: a sync run); breaks createTime ties. */
  @Column({ name: 'source_event_id', type: 'text', nullable: true })
  sourceEventId!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
