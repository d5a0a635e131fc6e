import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DepartmentNode, DirectoryDepartment } from '@app/contracts';

/** A department as last applied (state) and as last published on `sase.departments.v1` (document). */
@Entity('projection_department')
export class ProjectionDepartment {
  @PrimaryColumn({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @PrimaryColumn({ name: 'department_id', type: 'text' })
  departmentId!: string;

  /** null once the department left the directory. */
  @Column({ type: 'jsonb', nullable: true })
  state!: DirectoryDepartment | null;

  @Column({ name: 'source_version', type: 'bigint' })
  sourceVersion!: string;

  @Column({ name: 'source_at', type: 'timestamptz' })
  sourceAt!: Date;

  /** When its member counts last changed (a member joined, left, or a sub-department moved). */
  @Column({ name: 'member_changed_at', type: 'timestamptz', nullable: true })
  memberChangedAt!: Date | null;

  /** How many membership changes touched it directly; only grows (part of the document version). */
  @Column({ name: 'member_changes', type: 'int', default: 0 })
  memberChanges!: number;

  /** Ancestors then the department itself, top down; empty while it is not in the tree. */
  @Column({ name: 'path_ids', type: 'text', array: true, default: () => `'{}'` })
  pathIds!: string[];

  /** null: never published, or tombstoned. */
  @Column({ type: 'jsonb', nullable: true })
  document!: DepartmentNode | null;

  @Column({ name: 'doc_version', type: 'bigint', default: 0 })
  docVersion!: string;
}
