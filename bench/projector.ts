/**
 * Policy projector benchmark (real Kafka + PostgreSQL, loopback):
 *  1. subject lookup latency at a fixed 5,000 requests/s (autocannon, bounded duration) against the built
 *     projector as production runs it (dist/apps/policy-projector/src/main.js: telemetry, info logs), its
 *     cache holding every subject and warmed by the same load first; its CPU is read from /proc (Linux);
 *  2. moving a department with 10,000 members in its subtree: time until every member and
 *     sub-department is on the SASE topics with its new path.
 * Run: npm run build && node dist/deploy/local/src/with-infra.js -- node dist/bench/projector.js
 * BENCH_MEMBERS, BENCH_RATE, BENCH_DURATION_S, BENCH_WARMUP_S, BENCH_CONNECTIONS (counts, default 10,32);
 * BENCH_PROJECTOR_NODE_ARGS (e.g. --cpu-prof) go to the projector's node.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { DirectoryChange, Topics } from '@app/contracts';
import { runMigrations } from '@app/persistence';
import { findFreePorts } from '../deploy/local/src/free-port';
import { ProjectionService } from '../apps/policy-projector/src/projection/projection.service';
import {
  aDepartment,
  aUser,
  ChangeStream,
} from '../apps/policy-projector/src/testing/directory-change.factory';
import {
  authorization,
  publishChanges,
  startProjector,
  TEST_ADMIN_TOKEN,
  recordSaseTopics,
  SaseTopicsRecorder,
} from '../apps/policy-projector/src/testing/projector-harness';
import { cpuMs } from './process-cpu';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const SUB_DEPARTMENTS = 10;
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
/** Keep-alive connections, each count measured in turn: 10 is autocannon's default; latency grows with it. */
const CONNECTION_COUNTS = (process.env.BENCH_CONNECTIONS ?? '10,32').split(',').map(Number);

function seedChanges(stream: ChangeStream): DirectoryChange[] {
  const departments = [
    aDepartment({ openDepartmentId: 'root', name: 'Root' }),
    aDepartment({ openDepartmentId: 'from', name: 'From', parentId: 'root' }),
    aDepartment({ openDepartmentId: 'to', name: 'To', parentId: 'root' }),
    aDepartment({ openDepartmentId: 'moving', name: 'Moving', parentId: 'from' }),
    ...Array.from({ length: SUB_DEPARTMENTS }, (_, i) =>
      aDepartment({ openDepartmentId: `sub${i}`, name: `Sub ${i}`, parentId: 'moving' }),
    ),
  ];
  const users = Array.from({ length: MEMBERS }, (_, i) =>
    aUser({ openId: `ou_${i}`, departmentIds: [i % 11 === 10 ? 'moving' : `sub${i % 11}`] }),
  );
  return [
    stream.idp('enabled', { employeeNo: 'employeeNo', title: 'jobTitle' }),
    ...departments.map((d) => stream.department(d, 'created')),
    ...users.map((u) => stream.user(u, 'created')),
  ];
}

async function seed(projection: ProjectionService, changes: DirectoryChange[]): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < changes.length; i += 500) await projection.projectBatch(changes.slice(i, i + 500));
  return Date.now() - started;
}

interface LoadResult {
  total: number;
  average: number;
  latency: { p50: number; p99: number; max: number };
  raw: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  cpuMs: number;
}

/** Runs autocannon in a child process (bench/projector-load.ts) against the listening projector. */
function lookups(baseUrl: string, idpId: string, seconds: number, connections: number): Promise<LoadResult> {
  const args = [
    baseUrl,
    idpId,
    String(MEMBERS),
    String(RATE),
    String(seconds),
    String(connections),
    authorization.authorization,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'projector-load.js'), ...args],
      { timeout: (seconds + 30) * 1000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`load generator failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as LoadResult);
      },
    );
  });
}

/** The built projector in its own process, as deployed: telemetry on, info logs (to /dev/null here). */
async function startProjectorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const [port] = await findFreePorts(1);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROJECTOR_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      join(__dirname, '..', 'apps', 'policy-projector', 'src', 'main.js'),
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LARKSYNC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        KAFKA_CONSUMER_GROUP: `projector-bench-${randomUUID()}`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`projector exited with ${child.exitCode}`);
    const status = await fetch(`${url}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return { child, url };
    if (Date.now() > deadline) throw new Error('projector not ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** Asks for every subject once, so the cache holds them all, as a running projector's would. */
async function warmCache(url: string, idpId: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < MEMBERS; i = next++) {
      const response = await fetch(`${url}/v1/idps/${idpId}/subjects/ou_${i}`, { headers: authorization });
      if (response.status !== 200) throw new Error(`warm-up lookup answered ${response.status}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function measureLookups(idpId: string): Promise<void> {
  const { child, url } = await startProjectorProcess();
  try {
    await warmCache(url, idpId);
    for (const connections of CONNECTION_COUNTS) {
      await lookups(url, idpId, WARMUP_S, connections);
      const loadBefore = load();
      const cpuBefore = cpuMs(child.pid!);
      const result = await lookups(url, idpId, DURATION_S, connections);
      const cpu = cpuMs(child.pid!) - cpuBefore;
      const { latency, raw } = result;
      console.log(
        `subject lookup at ${RATE} req/s for ${DURATION_S} s, every subject cached and ${WARMUP_S} s of warm-up before, ${connections} connections ` +
          `(the built projector in its own process, autocannon in another): ${result.total} requests, ` +
          `${result.average.toFixed(0)} req/s, p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms ` +
          `(raw response times: p50 ${raw.p50.toFixed(2)}, p99 ${raw.p99.toFixed(2)}, max ${raw.max.toFixed(1)} ms), ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}; CPU per request: projector ` +
          `${(cpu / result.total).toFixed(3)} ms, load generator ${(result.cpuMs / result.total).toFixed(3)} ms`,
      );
      console.log(`load average before/after the lookups: ${loadBefore} / ${load()} (${cpus().length} CPUs)`);
    }
  } finally {
    await stop(child);
  }
}

async function moveDepartment(
  stream: ChangeStream,
  collector: SaseTopicsRecorder,
  app: Parameters<typeof publishChanges>[0],
): Promise<number> {
  const started = Date.now();
  await publishChanges(app, [
    stream.department(aDepartment({ openDepartmentId: 'moving', name: 'Moving', parentId: 'to' }), 'moved'),
  ]);
  const subjectsMoved = new Set<string>();
  const departmentsMoved = new Set<string>();
  let scanned = 0;
  await collector.waitFor(
    'every member and sub-department re-published',
    () => {
      for (; scanned < collector.records.length; scanned += 1) {
        const { topic, key, value } = collector.records[scanned];
        const text = value ? JSON.stringify(value.departments ?? value.path) : '';
        if (!text.includes('"To"')) continue;
        (topic === Topics.saseSubjects ? subjectsMoved : departmentsMoved).add(key);
      }
      return subjectsMoved.size >= MEMBERS && departmentsMoved.size >= SUB_DEPARTMENTS + 1;
    },
    120_000,
  );
  return Date.now() - started;
}

async function main(): Promise<void> {
  await runMigrations(process.env.DATABASE_URL!);
  const app = await startProjector({ consume: true });
  const stream = new ChangeStream();
  const collector = recordSaseTopics(app.get(Kafka), new Set([stream.idpId]));
  try {
    const seedMs = await seed(app.get(ProjectionService), seedChanges(stream));
    console.log(
      `seeded ${MEMBERS} members under ${SUB_DEPARTMENTS + 1} departments in ${seedMs} ms (projected and published)`,
    );
    const probe = await app.inject({
      method: 'GET',
      url: `/v1/idps/${stream.idpId}/subjects/ou_1`,
      headers: authorization,
    });
    if (probe.statusCode !== 200) throw new Error(`lookup probe answered ${probe.statusCode}`);

    const inProcess: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const started = process.hrtime.bigint();
      await app.inject({
        method: 'GET',
        url: `/v1/idps/${stream.idpId}/subjects/ou_${i}`,
        headers: authorization,
      });
      inProcess.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    inProcess.sort((a, b) => a - b);
    console.log(
      `subject lookup in-process (inject), sequential, each a cache miss: p50 ${inProcess[250].toFixed(2)} ms, p99 ${inProcess[495].toFixed(2)} ms`,
    );

    await measureLookups(stream.idpId);

    await collector.start();
    await collector.waitFor('seeded records', () => collector.records.length >= MEMBERS, 60_000);
    const moveMs = await moveDepartment(stream, collector, app);
    console.log(
      `department move: ${MEMBERS} subjects and ${SUB_DEPARTMENTS + 1} departments re-published with the new path in ${moveMs} ms`,
    );
  } finally {
    await collector.stop();
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
