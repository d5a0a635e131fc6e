/**
 * Directory event benchmark (real Kafka + PostgreSQL; the built directory app as a child process):
 * a BENCH_USERS-user org seeded through the OrgWriter, then
 *  (a) throughput: BENCH_EVENTS user updated / moved events produced at once to lark.events.v1,
 *      applied events/s until the last change is on directory.changes.v1;
 *  (b) latency: BENCH_RATE events/s for BENCH_DURATION_S s, event-to-change p50/p95/p99.
 * BENCH_APP_NODE_OPTIONS is passed to the app as NODE_OPTIONS (e.g. --max-old-space-size=384; Node refuses --cpu-prof there).
 * Run: npm run build && node dist/deploy/local/src/with-infra.js -- node dist/bench/directory-events.js
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { RunningApp, startApp } from '../deploy/local/src/app-process';
import { findFreePorts } from '../deploy/local/src/free-port';
import { ChangeCollector, contactEvent, EventProducer, percentile } from './directory-events-load';
import { SeedShape, seedOrg } from './directory-events-seed';
import { brokerPid, cpuUsedMs, postgresBackends, readCpu } from './process-cpu';

const SHAPE: SeedShape = {
  users: Number(process.env.BENCH_USERS ?? 100_000),
  departments: Number(process.env.BENCH_DEPARTMENTS ?? 5_000),
};
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const LOG_FILE = join(process.cwd(), '.cache', 'bench-directory-events.log');

/** CPU ms per event of the app, its PostgreSQL backends and the broker while `run` lasts. */
async function cpuPerEvent(
  dataSource: DataSource,
  appPid: number,
  run: () => Promise<void>,
): Promise<string> {
  const broker = brokerPid() ?? 0;
  const backends = async () => readCpu(await postgresBackends(dataSource));
  const [app, kafka, postgres] = [readCpu([appPid]), readCpu([broker]), await backends()];
  await run();
  const perEvent = (before: Map<number, number>, after: Map<number, number>) =>
    (cpuUsedMs(before, after) / EVENTS).toFixed(3);
  return (
    `CPU ms/event: directory ${perEvent(app, readCpu([appPid]))}, PostgreSQL ${perEvent(postgres, await backends())}, ` +
    `broker ${perEvent(kafka, readCpu([broker]))}; load ${loadavg()[0].toFixed(1)}`
  );
}

async function throughput(idpId: string, producer: EventProducer, changes: ChangeCollector): Promise<string> {
  const events = Array.from({ length: EVENTS }, (_, i) =>
    contactEvent(idpId, SHAPE, i % SHAPE.users, 1 + Math.floor(i / SHAPE.users)),
  );
  const started = Date.now();
  for (let i = 0; i < events.length; i += 1000) await producer.send(events.slice(i, i + 1000));
  const produced = Date.now();
  const last = await changes.waitForAll(
    events.map((event) => event.eventId),
    300_000,
  );
  const seconds = (last - started) / 1000;
  return `(a) throughput: ${EVENTS} events produced in ${((produced - started) / 1000).toFixed(2)} s; last change after ${seconds.toFixed(2)} s → ${(EVENTS / seconds).toFixed(0)} events/s end to end`;
}

async function latency(idpId: string, producer: EventProducer, changes: ChangeCollector): Promise<void> {
  const total = RATE * DURATION_S;
  const offset = EVENTS % SHAPE.users;
  const ids: string[] = [];
  const started = Date.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const event = contactEvent(idpId, SHAPE, (offset + i) % SHAPE.users, 1000 + i);
    ids.push(event.eventId);
    await producer.send([event]);
  }
  const sendSeconds = (Date.now() - started) / 1000;
  await changes.waitForAll(ids, 120_000);
  const latencies = ids
    .map((id) => changes.arrivedAt.get(id)! - producer.sentAt.get(id)!)
    .sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
  console.log(
    `(b) latency at ${RATE} events/s for ${DURATION_S} s (${total} events, sent in ${sendSeconds.toFixed(1)} s): ` +
      `p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${latencies[latencies.length - 1]} ms`,
  );
}

async function main(): Promise<void> {
  await runMigrations(process.env.DATABASE_URL!);
  const dataSource = await new DataSource(
    dataSourceOptions(process.env.DATABASE_URL!, 'bench-directory-events'),
  ).initialize();
  const idpId = randomUUID();
  await dataSource.query(`INSERT INTO idp (id, name, sealed_credentials) VALUES ($1, $2, 'sealed')`, [
    idpId,
    `bench-${idpId.slice(0, 8)}`,
  ]);
  const seedMs = await seedOrg(dataSource, idpId, SHAPE);
  console.log(
    `seeded ${SHAPE.users} users in ${SHAPE.departments} departments in ${(seedMs / 1000).toFixed(1)} s (OrgWriter, in-process)`,
  );

  const [port] = await findFreePorts(1);
  const env = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    DATABASE_URL: process.env.DATABASE_URL,
    LARKSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
    LARKSYNC_ADMIN_TOKEN: randomBytes(24).toString('hex'),
    LARK_BASE_URL: 'http://127.0.0.1:9',
    PUBLIC_BASE_URL: 'http://127.0.0.1:8080',
    ...(process.env.BENCH_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS } : {}),
  };
  let app: RunningApp | undefined;
  const kafka = new Kafka({
    clientId: 'bench-directory-events',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = new EventProducer(kafka);
  const changes = new ChangeCollector(kafka);
  try {
    app = await startApp('directory', port, env, LOG_FILE);
    console.log(`directory app (child process, pid ${app.process.pid}) ready; its log: ${LOG_FILE}`);
    await Promise.all([producer.connect(), changes.start()]);
    let result = '';
    const cpu = await cpuPerEvent(dataSource, app.process.pid!, async () => {
      result = await throughput(idpId, producer, changes);
    });
    console.log(`${result} (${cpu})`);
    await latency(idpId, producer, changes);
  } finally {
    await Promise.allSettled([producer.disconnect(), changes.stop(), dataSource.destroy()]);
    await app?.stop();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
