import { readFileSync } from 'node:fs';
import { TransportEnv } from '@app/config';

export interface PostgresTls {
  rejectUnauthorized: boolean;
  ca?: string;
  checkServerIdentity?: () => undefined;
}

export type PostgresSsl = false | PostgresTls | undefined;

/**
 * node-postgres's `ssl` for DATABASE_SSL_MODE, with libpq's meaning of each mode: `require` encrypts without checking
 * the server, `verify-ca` checks its certificate chains to the CA, `verify-full` also checks the host name. Undefined
 * leaves it to DATABASE_URL's own `sslmode`.
 */
export function postgresSsl(
  env: Pick<TransportEnv, 'DATABASE_SSL_MODE' | 'DATABASE_SSL_ROOT_CERT'>,
): PostgresSsl {
  const ca =
    env.DATABASE_SSL_ROOT_CERT === undefined ? undefined : readFileSync(env.DATABASE_SSL_ROOT_CERT, 'utf8');
  switch (env.DATABASE_SSL_MODE) {
    case undefined:
      return undefined;
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ca };
  }
}
