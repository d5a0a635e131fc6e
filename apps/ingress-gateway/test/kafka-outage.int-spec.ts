import { Kafka } from 'kafkajs';
import { Topics } from '@app/contracts';
import { runMigrations } from '@app/persistence';
import { LarkSimulator, SimAppConfig, startLarkSimulator } from '../../../test/lark-simulator';
import { GatewayUnderTest, IdpFixtures, readTopicJson, startGateway, testKafka } from './gateway-harness';
import { RestartableKafkaBroker } from './restartable-kafka-broker';

const APP: SimAppConfig = {
  appId: 'cli_gw_outage0000001',
  appSecret: 's',
  encryptKey: 'gw-outage-key',
  verificationToken: 'vt_gw_outage',
  eventSchema: '2.0',
};
const OUTAGE_EVENTS = 6;

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('ingress gateway while Kafka is down', () => {
  let broker: RestartableKafkaBroker;
  let gateway: GatewayUnderTest;
  let sim: LarkSimulator;
  let kafka: Kafka;
  let idps: IdpFixtures;
  let idpId: string;

  beforeAll(async () => {
    broker = await RestartableKafkaBroker.start();
    await runMigrations(process.env.DATABASE_URL!);
    idps = new IdpFixtures(process.env.DATABASE_URL!);
    await idps.connect();
    idpId = await idps.create({
      appId: APP.appId,
      appSecret: APP.appSecret,
      encryptKey: APP.encryptKey!,
      verificationToken: APP.verificationToken,
    });
    gateway = await startGateway(
      { kafkaBrokers: broker.bootstrapServers, databaseUrl: process.env.DATABASE_URL! },
      {},
    );
    sim = await startLarkSimulator({
      users: 30,
      apps: [{ ...APP, requestUrl: `${gateway.url}/lark/events/${idpId}` }],
      delivery: { retryDelaysMs: [3000, 6000, 12000, 24000] },
    });
    kafka = testKafka(broker.bootstrapServers);
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    await gateway?.close();
    await idps?.close();
    await broker?.destroy();
  }, 60_000);

  it('should answer 503 (never 200) while Kafka is stopped, then land every retried event exactly once', async () => {
    const users = sim.org.listedUsers();
    const warmUp = sim.mutate.freezeUser(users[0].openId);
    await sim.delivery.idle();
    expect(sim.delivery.attemptsFor(warmUp[0].eventId).map((attempt) => attempt.status)).toEqual([200]);

    await broker.halt();
    const outage = users.slice(1, 1 + OUTAGE_EVENTS).flatMap((user) => sim.mutate.resignUser(user.openId));
    await until(
      () => outage.every((envelope) => sim.delivery.attemptsFor(envelope.eventId).length >= 2),
      30_000,
      'two attempts of every event',
    );
    const duringOutage = sim.delivery.attempts
      .filter((attempt) => attempt.eventId !== warmUp[0].eventId)
      .map((attempt) => attempt.status);
    expect(new Set(duringOutage)).toEqual(new Set([503]));

    await broker.resume();
    await sim.delivery.idle();
    outage.forEach((envelope) =>
      expect(sim.delivery.attemptsFor(envelope.eventId).at(-1)).toMatchObject({
        outcome: 'acked',
        status: 200,
      }),
    );

    const eventIds = (await readTopicJson(kafka, Topics.larkEvents)).map((record) => record.value.eventId);
    expect(eventIds.sort()).toEqual([...warmUp, ...outage].map((envelope) => envelope.eventId).sort());
  }, 180_000);
});
