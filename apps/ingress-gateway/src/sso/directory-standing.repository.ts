import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryStanding } from './login-decision';

/** Reads a user's status from the directory (table `directory_user`, written by the directory service). */
@Injectable()
export class DirectoryStandingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Read fresh on every sign-in: a resignation must refuse the very next login. */
  async find(idpId: string, openId: string): Promise<DirectoryStanding | undefined> {
    const rows: DirectoryStanding[] = await this.dataSource.query(
      'SELECT status, name FROM directory_user WHERE idp_id = $1 AND open_id = $2',
      [idpId, openId],
    );
    return rows[0];
  }
}
