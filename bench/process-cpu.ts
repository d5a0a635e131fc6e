import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { DataSource } from 'typeorm';

/** User + system CPU milliseconds a process has used so far (Linux /proc; clock ticks are 100/s); 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Pids of the PostgreSQL backends now serving the data source's database (same machine). */
export async function postgresBackends(dataSource: DataSource): Promise<number[]> {
  const rows: { pid: number }[] = await dataSource.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  return rows.map((row) => row.pid);
}

/** CPU milliseconds the processes used between two readings; a pid first seen in `after` counts from 0. */
export function cpuUsedMs(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}

export function readCpu(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid)]));
}

/** The process listening on the first Kafka bootstrap port (the broker the launcher started). */
export function brokerPid(): number | undefined {
  const port = Number(process.env.KAFKA_BROKERS?.split(',')[0].split(':')[1]);
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  // Java listens on an IPv6 socket even for 127.0.0.1 (an IPv4-mapped address in /proc/net/tcp6).
  const inode = ['tcp', 'tcp6']
    .flatMap((table) => readFileSync(`/proc/net/${table}`, 'utf8').split('\n'))
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1]?.endsWith(local) && fields[3] === '0A')?.[9];
  if (!inode) return undefined;
  const holds = (pid: string) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some(
        (fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`,
      );
    } catch {
      return false; // gone, or not ours to read
    }
  };
  const pid = readdirSync('/proc').find((name) => /^\d+$/.test(name) && holds(name));
  return pid === undefined ? undefined : Number(pid);
}
