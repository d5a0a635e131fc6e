import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Lark event id already applied, written in the same transaction as its changes (exactly-once effect). */
@Entity('processed_event')
export class ProcessedEvent {
  @PrimaryColumn({ name: 'idp_id', type: 'text' })
  idpId!: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
