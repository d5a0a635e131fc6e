import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IdpStatus } from '../entities/idp.entity';

/** When and how an IdP is fully synced: view `idp_sync_schedule` over the directory's `idp`. */
export interface IdpSyncSchedule {
  id: string;
  status: IdpStatus;
  autoSync: boolean;
  syncIntervalHours: number;
  syncUserInfo: boolean;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

interface IdpSyncScheduleRow {
  id: string;
  status: IdpStatus;
  auto_sync: boolean;
  sync_interval_hours: number;
  sync_user_info: boolean;
  created_at: Date;
}

/** Read by the scheduler on every tick, so a changed cycle applies without a restart. */
@Injectable()
export class IdpSyncScheduleReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Every IdP, by id. */
  async findAll(): Promise<IdpSyncSchedule[]> {
    const rows: IdpSyncScheduleRow[] = await this.dataSource.query(
      `SELECT id, status, auto_sync, sync_interval_hours, sync_user_info, created_at FROM idp_sync_schedule ORDER BY id`,
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      autoSync: row.auto_sync,
      syncIntervalHours: row.sync_interval_hours,
      syncUserInfo: row.sync_user_info,
      createdAt: row.created_at.getTime(),
    }));
  }
}
