import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface ClassArchive {
  jvmFlags: string[];
  /** After the recording JVM exited: publish its archive for later runs. */
  publish(): Promise<void>;
}

const ARCHIVE_DIR = 'class-archive';
const QUIET_CDS = '-Xlog:cds*=off';

/**
 * A dynamic CDS archive of the broker's classes (Java 13+) roughly halves JVM start-up on a warm
 * cache. Recording costs some seconds when the broker exits, so it is skipped on the run that
 * downloaded the jars (CI's only run) and done once on the next; the archive then serves the
 * storage tool and the broker. A stale or foreign archive only makes the JVM ignore it.
 */
export function brokerClassArchive(cacheDir: string, shouldRecord: boolean): ClassArchive {
  const archive = join(cacheDir, ARCHIVE_DIR, 'broker.jsa');
  if (existsSync(archive))
    return { jvmFlags: [`-XX:SharedArchiveFile=${archive}`, QUIET_CDS], publish: async () => undefined };
  if (!shouldRecord) return { jvmFlags: [], publish: async () => undefined };
  mkdirSync(join(cacheDir, ARCHIVE_DIR), { recursive: true });
  const recording = `${archive}.${process.pid}.tmp`;
  return {
    jvmFlags: [`-XX:ArchiveClassesAtExit=${recording}`, QUIET_CDS],
    publish: async () => {
      if (existsSync(recording)) await rename(recording, archive).catch(() => rm(recording, { force: true }));
    },
  };
}

export function storageToolClassArchive(cacheDir: string): string[] {
  const archive = join(cacheDir, ARCHIVE_DIR, 'broker.jsa');
  return existsSync(archive) ? [`-XX:SharedArchiveFile=${archive}`, QUIET_CDS] : [];
}

/** New jars invalidate the archive. */
export async function discardClassArchive(cacheDir: string): Promise<void> {
  await rm(join(cacheDir, ARCHIVE_DIR), { recursive: true, force: true });
}
