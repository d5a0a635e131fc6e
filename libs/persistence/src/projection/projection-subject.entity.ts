import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DirectoryUser, SubjectDocument } from '@app/contracts';

/** A user as last applied (state) and as last published on `sase.subjects.v1` (document). */
@Entity('projection_subject')
export class ProjectionSubject {
  @PrimaryColumn({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @PrimaryColumn({ name: 'open_id', type: 'text' })
  openId!: string;

  /** null once the user left the directory. */
  @Column({ type: 'jsonb', nullable: true })
  state!: DirectoryUser | null;

  @Column({ name: 'source_version', type: 'bigint' })
  sourceVersion!: string;

  @Column({ name: 'source_at', type: 'timestamptz' })
  sourceAt!: Date;

  /** createTime of the Lark event behind the last change, when known (time-to-revoke). */
  @Column({ name: 'cause_time', type: 'timestamptz', nullable: true })
  causeTime!: Date | null;

  @Column({ name: 'department_ids', type: 'text', array: true, default: () => `'{}'` })
  departmentIds!: string[];

  /** Every department on the paths of its departments (for recursive membership). */
  @Column({ name: 'ancestor_ids', type: 'text', array: true, default: () => `'{}'` })
  ancestorIds!: string[];

  @Column({ type: 'boolean', default: false })
  active!: boolean;

  @Column({ name: 'user_name', type: 'text', nullable: true })
  userName!: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  document!: SubjectDocument | null;

  @Column({ name: 'doc_version', type: 'bigint', default: 0 })
  docVersion!: string;
}
