import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A Lark department of one IdP; deleted ones stay as tombstones so late events are recognised as stale. */
@Entity('department')
export class Department {
  @PrimaryColumn({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @PrimaryColumn({ name: 'open_department_id', type: 'text' })
  openDepartmentId!: string;

  @Column({ name: 'department_id', type: 'text', nullable: true })
  departmentId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  /** Ancestor open department ids from the top down, excluding the department itself. */
  @Column({ type: 'text', array: true })
  path!: string[];

  @Column({ name: 'leader_open_id', type: 'text', nullable: true })
  leaderOpenId!: string | null;

  @Column({ type: 'bigint' })
  order!: string;

  @Column({ type: 'text' })
  status!: string;

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
