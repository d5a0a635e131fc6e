/**
 * Policy projector benchmark (real Kafka + PostgreSQL, loopback):
 *  1. subject lookup latency at a fixed 5,000 requests/s (autocannon, bounded duration);
 *  2. moving a department with 10,000 members in its subtree: time until every member and
 *     sub-department is on the SASE topics with its new path.
 * Run: npm run build && node dist/deploy/local/src/with-infra.js -- node dist/bench/projector.js
 */
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { DirectoryChange, Topics } from '@app/contracts';
import { runMigrations } from '@app/persistence';
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
  TopicCollector,
} from '../apps/policy-projector/src/testing/projector-harness';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const SUB_DEPARTMENTS = 10;
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

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
  for (let i = 0; i < changes.length; i += 500) await projection.apply(changes.slice(i, i + 500));
  return Date.now() - started;
}

interface LoadResult {
  total: number;
  average: number;
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

/** Runs autocannon in a child process (bench/projector-load.ts) against the listening projector. */
function lookups(baseUrl: string, idpId: string): Promise<LoadResult> {
  const args = [
    baseUrl,
    idpId,
    String(MEMBERS),
    String(RATE),
    String(DURATION_S),
    authorization.authorization,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'projector-load.js'), ...args],
      { timeout: (DURATION_S + 30) * 1000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`load generator failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as LoadResult);
      },
    );
  });
}

async function moveDepartment(
  stream: ChangeStream,
  collector: TopicCollector,
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
  await app.listen(0, '127.0.0.1');
  const stream = new ChangeStream();
  const collector = new TopicCollector(app.get(Kafka), new Set([stream.idpId]));
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
      `subject lookup in-process, sequential: p50 ${inProcess[250].toFixed(2)} ms, p99 ${inProcess[495].toFixed(2)} ms`,
    );

    const cpuBefore = process.cpuUsage();
    const result = await lookups(await app.getUrl(), stream.idpId);
    const cpu = process.cpuUsage(cpuBefore);
    const { latency } = result;
    console.log(
      `subject lookup at ${RATE} req/s for ${DURATION_S} s (autocannon in a child process): ${result.total} requests, ${result.average.toFixed(0)} req/s, ` +
        `p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms, non-2xx ${result.non2xx}, errors ${result.errors}; ` +
        `projector CPU ${((cpu.user + cpu.system) / 1000 / result.total).toFixed(3)} ms per request`,
    );
    console.log(
      `load average after the lookups: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')} (${cpus().length} CPUs)`,
    );

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
