import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresSsl } from './postgres-tls';

const dir = mkdtempSync(join(tmpdir(), 'postgres-tls-'));
const caFile = join(dir, 'ca.pem');
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
writeFileSync(caFile, CA);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('postgresSsl', () => {
  it('should leave TLS to DATABASE_URL when no mode is set', () => {
    expect(postgresSsl({})).toBeUndefined();
  });

  it('should turn TLS off for disable and encrypt without checking for require', () => {
    expect(postgresSsl({ DATABASE_SSL_MODE: 'disable' })).toBe(false);
    expect(postgresSsl({ DATABASE_SSL_MODE: 'require' })).toEqual({ rejectUnauthorized: false });
  });

  it('should check the chain but not the host name for verify-ca', () => {
    const ssl = postgresSsl({ DATABASE_SSL_MODE: 'verify-ca', DATABASE_SSL_ROOT_CERT: caFile });
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: CA });
    expect(ssl && ssl.checkServerIdentity?.()).toBeUndefined();
    expect(ssl && typeof ssl.checkServerIdentity).toBe('function');
  });

  it('should check chain and host name for verify-full', () => {
    expect(postgresSsl({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_ROOT_CERT: caFile })).toEqual({
      rejectUnauthorized: true,
      ca: CA,
    });
  });
});
