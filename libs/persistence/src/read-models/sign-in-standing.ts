import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A directory user's sign-in standing: view `sign_in_standing` over the directory's `directory_user`. */
export interface SignInStanding {
  /** `active`, `resigned`, `frozen`, `inactive` or `out_of_scope`: only `active` may sign in. */
  status: string;
  name: string;
}

/** Read by the gateway at every SSO login and session introspection. */
@Injectable()
export class SignInStandingReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Read fresh every time: a resignation must refuse the very next login and end live sessions. */
  async find(idpId: string, openId: string): Promise<SignInStanding | undefined> {
    const rows: SignInStanding[] = await this.dataSource.query(
      'SELECT status, name FROM sign_in_standing WHERE idp_id = $1 AND open_id = $2',
      [idpId, openId],
    );
    return rows[0];
  }
}
