import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change of the directory with its before/after and cause (event id or sync run). */
@Entity('change_log')
export class ChangeLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'change_id', type: 'text' })
  changeId!: string;

  @Column({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'text' })
  op!: string;

  @Column({ type: 'json', nullable: true })
  before!: unknown;

  @Column({ type: 'json', nullable: true })
  after!: unknown;

  @Column({ type: 'json' })
  cause!: unknown;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
