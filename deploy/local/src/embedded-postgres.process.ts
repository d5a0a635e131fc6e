import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EmbeddedPostgresTls } from './postgres-embedded';
import { findRepoRoot } from './repo-root';

export interface EmbeddedPostgresProcess {
  /** The `postgres` database of the server, as its superuser. */
  url: string;
  stop(): Promise<void>;
}

/** Runs the built embedded-postgres.main in a child process and waits for its URL. */
export async function spawnEmbeddedPostgres(tls?: EmbeddedPostgresTls): Promise<EmbeddedPostgresProcess> {
  const script = join(findRepoRoot(), 'dist/deploy/local/src/embedded-postgres.main.js');
  const child = spawn(process.execPath, [script, ...(tls ? [tls.certFile, tls.keyFile] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await readyUrl(child);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function readyUrl(child: ChildProcess): Promise<string> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`embedded PostgreSQL exited (${String(code)}) before it was ready`);
  });
  const ready = (async () => {
    for await (const line of createInterface({ input: child.stdout! })) {
      const match = /^ready (\S+)$/.exec(line);
      if (match) return match[1];
    }
    throw new Error('embedded PostgreSQL closed its output before it was ready');
  })();
  return Promise.race([ready, exited]);
}
