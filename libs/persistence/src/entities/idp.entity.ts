import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export type IdpStatus = 'enabled' | 'closed';
export type LarkPlatform = 'feishu' | 'lark';
export type OrgScope = { mode: 'all' } | { mode: 'partial'; departmentIds: string[]; groupIds: string[] };
export interface DeletionGuard {
  maxPercent: number;
  maxCount: number;
}

/** One connected Lark tenant. Credentials are sealed together (see SecretBox) and never leave the service. */
@Entity('idp')
export class Idp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', default: 'enabled' })
  status!: IdpStatus;

  @Column({ type: 'text', default: 'feishu' })
  platform!: LarkPlatform;

  /** SecretBox-sealed JSON of appId, appSecret, encryptKey and verificationToken. */
  @Column({ name: 'sealed_credentials', type: 'text' })
  sealedCredentials!: string;

  @Column({ name: 'auto_sync', type: 'boolean', default: true })
  autoSync!: boolean;

  @Column({ name: 'sync_user_info', type: 'boolean', default: true })
  syncUserInfo!: boolean;

  @Column({ name: 'sync_interval_hours', type: 'int', default: 24 })
  syncIntervalHours!: number;

  @Column({ type: 'jsonb', default: () => `'{"mode":"all"}'` })
  scope!: OrgScope;

  @Column({ name: 'field_mapping', type: 'jsonb', default: () => `'{}'` })
  fieldMapping!: Record<string, string>;

  @Column({ name: 'deletion_guard', type: 'jsonb', default: () => `'{"maxPercent":10,"maxCount":100}'` })
  deletionGuard!: DeletionGuard;

  /** Set by the database to the default enterprise when inserted without one. */
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'tenant_key', type: 'text', nullable: true })
  tenantKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
