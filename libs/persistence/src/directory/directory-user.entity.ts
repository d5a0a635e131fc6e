import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRow } from './versioned-row';

/** A Lark user of one IdP; resigned users stay as tombstones so late events are recognised as stale. */
@Entity('directory_user')
export class DirectoryUserRow extends VersionedRow {
  @PrimaryColumn({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @PrimaryColumn({ name: 'open_id', type: 'text' })
  openId!: string;

  @Column({ name: 'union_id', type: 'text', nullable: true })
  unionId!: string | null;

  @Column({ name: 'user_id', type: 'text', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'en_name', type: 'text', nullable: true })
  enName!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'enterprise_email', type: 'text', nullable: true })
  enterpriseEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  mobile!: string | null;

  @Column({ name: 'employee_no', type: 'text', nullable: true })
  employeeNo!: string | null;

  @Column({ name: 'employee_type', type: 'int', nullable: true })
  employeeType!: number | null;

  @Column({ name: 'job_title', type: 'text', nullable: true })
  jobTitle!: string | null;

  @Column({ name: 'department_ids', type: 'text', array: true })
  departmentIds!: string[];

  @Column({ name: 'primary_department_id', type: 'text', nullable: true })
  primaryDepartmentId!: string | null;

  @Column({ name: 'leader_open_id', type: 'text', nullable: true })
  leaderOpenId!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'custom_attrs', type: 'jsonb' })
  customAttrs!: Record<string, string>;

  /** Lark's own status, kept while the user is out of scope so that re-entering the scope restores it. */
  @Column({ name: 'lark_status', type: 'text' })
  larkStatus!: string;
}
