import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IdpState } from '@app/contracts';

/** The projector's copy of an IdP's status and field mapping, from `directory.changes.v1`. */
@Entity('projection_idp')
export class ProjectionIdp {
  @PrimaryColumn({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @Column({ type: 'jsonb' })
  state!: IdpState;

  @Column({ name: 'source_version', type: 'bigint' })
  sourceVersion!: string;

  @Column({ name: 'source_at', type: 'timestamptz' })
  sourceAt!: Date;
}
