import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DEFAULT_RATE_LIMITS,
  EndpointStats,
  fixedWindowFloorSeconds,
  generateOrg,
  isListedUser,
  OrgStore,
  RateLimiter,
  SimClock,
  SimStats,
} from '../test/lark-simulator';

export interface SimulatorProcess {
  url: string;
  process: ChildProcess;
  stats(): Promise<{ endpoints: Record<string, EndpointStats>; rateLimitFloorSeconds: number }>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

export interface OrgSize {
  users: number;
  departments: number;
  seed: number;
  speedFactor: number;
}

/** The simulator in its own process (dist/test/lark-simulator/main.js), so its memory is not the sync's. */
export async function startSimulatorProcess(size: OrgSize): Promise<SimulatorProcess> {
  const main = join(__dirname, '..', 'test', 'lark-simulator', 'main.js');
  const args = [
    '--port',
    '0',
    '--seed',
    String(size.seed),
    '--users',
    String(size.users),
    '--departments',
    String(size.departments),
    '--speed-factor',
    String(size.speedFactor),
  ];
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with code ${code} while starting`)));
  });
  const admin = async (method: string, path: string): Promise<any> => {
    // any: the simulator's admin JSON
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status}`);
    return response.json();
  };
  return {
    url,
    process: child,
    stats: () => admin('GET', '/_sim/stats'),
    resetStats: async () => void (await admin('DELETE', '/_sim/stats')),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface FloorReport {
  /** Fewest requests per rate-limited endpoint for this org with page_size 50, fetch_child=false. */
  needed: Record<string, number>;
  /** The simulator's own floor formula over those counts. */
  simFloorSeconds: number;
  /** Start of the fixed one-second window in which the last needed request can be admitted. */
  fixedWindowFloorSeconds: number;
}

/** Regenerates the same org (same seed) to count what a complete read needs at least. */
export function minimalFloor(size: OrgSize): FloorReport {
  const org = new OrgStore(
    generateOrg({ seed: size.seed, users: size.users, departments: size.departments }),
  );
  const ids = ['0', ...org.departments().map((d) => d.openDepartmentId)];
  const pages = (count: number) => Math.max(1, Math.ceil(count / 50));
  const needed: Record<string, number> = {
    'contact.department.children': ids.reduce((sum, id) => sum + pages(org.childIds(id).length), 0),
    'contact.user.find_by_department': ids.reduce(
      (sum, id) => sum + pages(org.directMembers(id).filter(isListedUser).length),
      0,
    ),
  };
  const limiter = new RateLimiter(new SimClock(), { ...DEFAULT_RATE_LIMITS }, size.speedFactor);
  const stats = new SimStats();
  Object.entries(needed).forEach(([endpoint, count]) =>
    Array.from({ length: count }, () => stats.record(endpoint, 'ok')),
  );
  const fixedWindow = Object.entries(needed).map(([endpoint, count]) =>
    fixedWindowFloorSeconds(count, limiter.limitOf(endpoint)!),
  );
  return {
    needed,
    simFloorSeconds: stats.rateLimitFloorSeconds(limiter),
    fixedWindowFloorSeconds: Math.max(...fixedWindow),
  };
}
