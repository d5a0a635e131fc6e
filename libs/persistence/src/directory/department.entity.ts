import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRow } from './versioned-row';

/** A Lark department of one IdP; deleted ones stay as tombstones so late events are recognised as stale. */
@Entity('department')
export class Department extends VersionedRow {
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
}
