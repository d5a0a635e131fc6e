import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The latest slot claimed for an IdP, by any replica. */
export interface LatestSlot {
  idpId: string;
  slotStart: number;
  commandId: string;
  published: boolean;
  /** Claimed but unpublished for longer than the claim timeout (by the database's clock): its claimer died. */
  stale: boolean;
}

interface LatestSlotRow {
  idp_id: string;
  slot_start: Date;
  command_id: string;
  published: boolean;
  stale: boolean;
}

/** Claims in `schedule_slot`: the primary key (idp_id, slot_start) lets exactly one replica win a slot. */
@Injectable()
export class ScheduleSlotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async latestSlots(claimTimeoutMs: number): Promise<Map<string, LatestSlot>> {
    const rows: LatestSlotRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (idp_id) idp_id, slot_start, command_id, published_at IS NOT NULL AS published,
              (published_at IS NULL AND claimed_at < now() - make_interval(secs => $1::float8 / 1000)) AS stale
         FROM schedule_slot ORDER BY idp_id, slot_start DESC`,
      [claimTimeoutMs],
    );
    return new Map(
      rows.map((row) => [
        row.idp_id,
        {
          idpId: row.idp_id,
          slotStart: row.slot_start.getTime(),
          commandId: row.command_id,
          published: row.published,
          stale: row.stale,
        },
      ]),
    );
  }

  /** True when this replica won the slot; false when another one holds it. */
  async claim(idpId: string, slotStart: number, commandId: string, claimedBy: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO schedule_slot (idp_id, slot_start, command_id, claimed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING idp_id`,
      [idpId, new Date(slotStart), commandId, claimedBy],
    );
    return rows.length === 1;
  }

  /** Takes over a claim whose holder did not publish within the timeout; true when this replica took it. */
  async reclaimStale(
    idpId: string,
    slotStart: number,
    claimTimeoutMs: number,
    claimedBy: string,
  ): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE schedule_slot SET claimed_by = $3, claimed_at = now()
        WHERE idp_id = $1 AND slot_start = $2 AND published_at IS NULL
          AND claimed_at < now() - make_interval(secs => $4::float8 / 1000)
       RETURNING idp_id`,
      [idpId, new Date(slotStart), claimedBy, claimTimeoutMs],
    );
    return (rows as unknown[]).length === 1;
  }

  async markPublished(idpId: string, slotStart: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE schedule_slot SET published_at = now() WHERE idp_id = $1 AND slot_start = $2`,
      [idpId, new Date(slotStart)],
    );
  }

  /** Hands a claim back after a failed publish, so the next tick of any replica retries it at once. */
  async release(idpId: string, slotStart: number, claimedBy: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE schedule_slot SET claimed_at = '-infinity'
        WHERE idp_id = $1 AND slot_start = $2 AND claimed_by = $3 AND published_at IS NULL`,
      [idpId, new Date(slotStart), claimedBy],
    );
  }
}
