import { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { FullSyncCommand } from '@app/contracts';
import { readTopic, testKafkaClient } from '../../../../libs/kafka/src/testing';
import { createLogger } from '@app/logging';
import { IdpSyncSchedule, IdpSyncScheduleReader, runMigrations } from '@app/persistence';
import { appDatabaseUrl } from '@app/testing';
import { AppModule } from '../app.module';
import { SchedulerEnv } from '../config/scheduler.config';
import { Clock } from './clock';
import { COMMAND_TOPIC } from './full-sync-command.publisher';
import { decideSchedule, ScheduledIdp } from './schedule-decision';
import { SchedulerTickService } from './scheduler-tick.service';
import { HOUR_MS, latestSlotStart } from './slot-grid';

const logger = createLogger('scheduler-int-spec', 'silent');
const kafka: Kafka = testKafkaClient('scheduler-int-spec', logger);
const topic = `test.scheduler.commands.${randomUUID()}`;
const T0 = Date.UTC(2031, 0, 6, 9, 0, 0);
const clock = { time: T0, now: () => clock.time };

interface IdpSeed {
  id: string;
  hours: number;
  status?: 'enabled' | 'closed';
  autoSync?: boolean;
  syncUserInfo?: boolean;
}

const seeds: IdpSeed[] = [
  { id: randomUUID(), hours: 1, syncUserInfo: true },
  { id: randomUUID(), hours: 1, syncUserInfo: false },
  { id: randomUUID(), hours: 3 },
  { id: randomUUID(), hours: 24 },
  { id: randomUUID(), hours: 1, status: 'closed' },
  { id: randomUUID(), hours: 1, autoSync: false },
];
const crashed = { id: randomUUID(), hours: 2, commandId: randomUUID() };
const ours = new Set([...seeds.map((seed) => seed.id), crashed.id]);

/** The real query, narrowed to this file's IdPs so other suites' IdPs sharing the database are left alone. */
class OwnIdpSchedules extends IdpSyncScheduleReader {
  override async findAll(): Promise<IdpSyncSchedule[]> {
    return (await super.findAll()).filter((idp) => ours.has(idp.id));
  }
}

async function startReplica(): Promise<INestApplication> {
  const config = loadConfig(SchedulerEnv, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    DATABASE_URL: await appDatabaseUrl('scheduler', process.env.DATABASE_URL!),
    SCHEDULER_TICK_MS: '100',
    SCHEDULER_CLAIM_TIMEOUT_MS: '2000',
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, logger)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(COMMAND_TOPIC)
    .useValue(topic)
    .overrideProvider(IdpSyncScheduleReader)
    .useClass(OwnIdpSchedules)
    .compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  await app.init();
  return app;
}

async function publishedCommands(): Promise<FullSyncCommand[]> {
  return (await readTopic(kafka, topic)).map((record) => {
    const command = JSON.parse(record.value!) as FullSyncCommand;
    expect(record.key).toBe(command.idpId);
    return command;
  });
}

describe('scheduler: two replicas against real Kafka and PostgreSQL', () => {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  const replicas: INestApplication[] = [];
  const ticks = () => replicas.map((app) => app.get(SchedulerTickService, { strict: false }).completedTicks);

  /** Moves the fake clock, then waits until both replicas completed two full passes at the new time. */
  async function advanceTo(time: number): Promise<void> {
    clock.time = time;
    const before = ticks();
    const deadline = Date.now() + 20_000;
    while (ticks().some((count, index) => count < before[index] + 2)) {
      if (Date.now() > deadline) throw new Error('replicas stopped ticking');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();
    await db.connect();
    for (const seed of [...seeds, { id: crashed.id, hours: crashed.hours }] as IdpSeed[]) {
      await db.query(
        `INSERT INTO idp (id, name, sealed_credentials, status, auto_sync, sync_user_info, sync_interval_hours, created_at)
         VALUES ($1, $2, 'sealed', $3, $4, $5, $6, $7)`,
        [
          seed.id,
          `scheduler-int-${seed.id}`,
          seed.status ?? 'enabled',
          seed.autoSync ?? true,
          seed.syncUserInfo ?? true,
          seed.hours,
          new Date(T0 - 10 * 24 * HOUR_MS),
        ],
      );
    }
    // A replica claimed this slot an hour ago and died before publishing it.
    await db.query(
      `INSERT INTO schedule_slot (idp_id, slot_start, command_id, claimed_by, claimed_at) VALUES ($1, $2, $3, 'dead-replica', now() - interval '1 hour')`,
      [crashed.id, new Date(latestSlotStart(crashed.id, crashed.hours * HOUR_MS, T0)), crashed.commandId],
    );
    replicas.push(await startReplica(), await startReplica());
  });

  afterAll(async () => {
    await Promise.all(replicas.map((app) => app.close()));
    await db.query(`DELETE FROM idp WHERE id = ANY($1)`, [[...ours]]);
    await db.end();
  });

  it('should publish exactly one command per IdP and slot, catch up after downtime and follow a changed cycle', async () => {
    const steps = [
      T0,
      T0 + HOUR_MS,
      T0 + 2 * HOUR_MS,
      T0 + 3 * HOUR_MS,
      T0 + 13 * HOUR_MS,
      T0 + 14 * HOUR_MS,
    ];
    for (const [index, time] of steps.entries()) {
      if (index === 4) await db.query(`UPDATE idp SET sync_interval_hours = 1 WHERE id = $1`, [seeds[2].id]);
      await advanceTo(time);
    }
    await Promise.all(replicas.splice(0).map((app) => app.close()));

    const commands = await publishedCommands();
    const expected = referenceRun(steps);
    const key = (command: { idpId: string; commandId: string }) => `${command.idpId}/${command.commandId}`;
    expect(commands.map(key).sort()).toEqual(expected.map(key).sort());
    expect(new Set(commands.map(key)).size).toBe(commands.length);
    expect(commands.filter((command) => command.idpId === crashed.id)[0].commandId).toBe(crashed.commandId);
    for (const command of commands) {
      const seed = seeds.find((candidate) => candidate.id === command.idpId);
      expect(command).toMatchObject({
        type: 'full-sync',
        reason: 'scheduled',
        includeUsers: seed?.syncUserInfo ?? true,
      });
    }
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, count(published_at)::int AS published FROM schedule_slot WHERE idp_id = ANY($1)`,
      [[...ours]],
    );
    expect(rows[0]).toEqual({ n: commands.length, published: commands.length });
  });
});

/** What one scheduler, ticking once at each step, would have published (the crashed slot counted as claimed). */
function referenceRun(steps: number[]): { idpId: string; commandId: string }[] {
  const published: { idpId: string; commandId: string }[] = [];
  const idps = [...seeds, { id: crashed.id, hours: crashed.hours }] as IdpSeed[];
  for (const seed of idps) {
    let last: number | null =
      seed.id === crashed.id ? latestSlotStart(crashed.id, crashed.hours * HOUR_MS, T0) : null;
    if (seed.id === crashed.id) published.push({ idpId: crashed.id, commandId: crashed.commandId });
    for (const [index, time] of steps.entries()) {
      const hours = seed === seeds[2] && index >= 4 ? 1 : seed.hours;
      const idp: ScheduledIdp = {
        id: seed.id,
        status: seed.status ?? 'enabled',
        autoSync: seed.autoSync ?? true,
        syncIntervalHours: hours,
        syncUserInfo: seed.syncUserInfo ?? true,
        createdAt: T0 - 10 * 24 * HOUR_MS,
      };
      const decision = decideSchedule(idp, { lastSlotStart: last, consecutiveFailures: 0 }, time);
      if (decision.kind !== 'publish') continue;
      last = decision.slotStart;
      published.push({ idpId: seed.id, commandId: decision.commandId });
    }
  }
  return published;
}
