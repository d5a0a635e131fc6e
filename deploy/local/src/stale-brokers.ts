import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logInfra } from './infra-log';

export const DATA_DIR_PREFIX = 'larksync-kafka-';
const OWNER_FILE = 'owner.json';

interface Owner {
  launcherPid: number;
  jvmPid?: number;
}

export async function recordOwner(dataDir: string, owner: Owner): Promise<void> {
  await writeFile(join(dataDir, OWNER_FILE), JSON.stringify(owner));
}

/**
 * A launcher killed outright (SIGKILL, OOM) cannot stop its broker; the next start does: it kills
 * brokers whose launcher is gone and removes their data dirs.
 */
export async function reapStaleBrokers(isAlive: (pid: number) => boolean = isProcessAlive): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => []);
  for (const name of names.filter((entry) => entry.startsWith(DATA_DIR_PREFIX))) {
    const dataDir = join(tmpdir(), name);
    const owner = await readOwner(dataDir);
    if (!owner || isAlive(owner.launcherPid)) continue;
    if (owner.jvmPid && isAlive(owner.jvmPid) && (await isBrokerOf(owner.jvmPid, dataDir)))
      process.kill(owner.jvmPid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    logInfra(`removed a broker left behind by launcher ${owner.launcherPid} (${dataDir})`);
  }
}

async function readOwner(dataDir: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(dataDir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Guards against a recycled pid: the process must be a JVM started on this data dir. */
async function isBrokerOf(pid: number, dataDir: string): Promise<boolean> {
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.includes('kafka.Kafka') && commandLine.includes(dataDir);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
