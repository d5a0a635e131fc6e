import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { BaseEnv, loadConfig } from '@app/config';
import { postgresSsl } from '@app/persistence';
import { EmbeddedPostgresProcess, spawnEmbeddedPostgres } from './embedded-postgres.process';
import { issueTestCertificates, TestCertificates } from './test-certificates';

/* DATABASE_SSL_MODE and DATABASE_SSL_ROOT_CERT against a PostgreSQL server of its own that serves TLS. */
const dir = mkdtempSync(join(tmpdir(), 'postgres-tls-'));
let server: EmbeddedPostgresProcess;
let certificates: TestCertificates;
let serverUrl: URL;

beforeAll(async () => {
  certificates = issueTestCertificates(dir, 'postgres');
  server = await spawnEmbeddedPostgres({
    certFile: certificates.serverCertFile,
    keyFile: certificates.serverKeyFile,
  });
  serverUrl = new URL(server.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Whether this session is encrypted, as the server sees it. */
async function connectAndAskSsl(env: NodeJS.ProcessEnv, host = '127.0.0.1'): Promise<boolean> {
  const url = new URL(serverUrl);
  url.hostname = host;
  const client = new Client({
    connectionString: url.toString(),
    ssl: postgresSsl(loadConfig(BaseEnv, env)),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ ssl: boolean }>(
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    return rows[0].ssl;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL TLS from DATABASE_SSL_MODE', () => {
  it('should encrypt and verify chain and host name with verify-full', async () => {
    const env = { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_ROOT_CERT: certificates.caFile };
    await expect(connectAndAskSsl(env)).resolves.toBe(true);
  });

  it('should refuse verify-full when the certificate names another host', async () => {
    const env = { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_ROOT_CERT: certificates.caFile };
    await expect(connectAndAskSsl(env, 'localhost')).rejects.toThrow(/Hostname\/IP does not match|altnames/i);
  });

  it('should accept that host with verify-ca, which checks the chain only', async () => {
    const env = { DATABASE_SSL_MODE: 'verify-ca', DATABASE_SSL_ROOT_CERT: certificates.caFile };
    await expect(connectAndAskSsl(env, 'localhost')).resolves.toBe(true);
  });

  it('should refuse a server whose certificate does not chain to the configured CA', async () => {
    const stranger = issueTestCertificates(dir, 'stranger');
    const env = { DATABASE_SSL_MODE: 'verify-ca', DATABASE_SSL_ROOT_CERT: stranger.caFile };
    await expect(connectAndAskSsl(env)).rejects.toThrow(/certificate|self.signed|issuer/i);
  });

  it('should encrypt without checking with require, and not at all with disable', async () => {
    await expect(connectAndAskSsl({ DATABASE_SSL_MODE: 'require' })).resolves.toBe(true);
    await expect(connectAndAskSsl({ DATABASE_SSL_MODE: 'disable' })).resolves.toBe(false);
  });
});
