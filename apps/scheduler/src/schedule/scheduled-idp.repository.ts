import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledIdp } from './schedule-decision';

interface IdpRow {
  id: string;
  status: 'enabled' | 'closed';
  auto_sync: boolean;
  sync_interval_hours: number;
  sync_user_info: boolean;
  created_at: Date;
}

/** Reads the scheduling fields of every IdP, each tick, so a changed cycle applies without restart. */
@Injectable()
export class ScheduledIdpRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findAll(): Promise<ScheduledIdp[]> {
    const rows: IdpRow[] = await this.dataSource.query(
      `SELECT id, status, auto_sync, sync_interval_hours, sync_user_info, created_at FROM idp ORDER BY id`,
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
