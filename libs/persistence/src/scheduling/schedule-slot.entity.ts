import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One IdP's scheduled full-sync slot. The row is the claim: whichever replica inserts it publishes the command,
 * then stamps published_at; a claim left unpublished past a timeout is re-published with the same commandId.
 */
@Entity('schedule_slot')
export class ScheduleSlot {
  @PrimaryColumn({ name: 'idp_id', type: 'uuid' })
  idpId!: string;

  @PrimaryColumn({ name: 'slot_start', type: 'timestamptz' })
  slotStart!: Date;

  @Column({ name: 'command_id', type: 'uuid' })
  commandId!: string;

  @Column({ name: 'claimed_by', type: 'text' })
  claimedBy!: string;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
