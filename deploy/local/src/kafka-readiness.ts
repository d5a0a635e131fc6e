import { connect } from 'node:net';
import { Admin, Kafka, logLevel } from 'kafkajs';

const PROBE_TOPIC = 'larksync-infra-probe';
const POLL_MS = 200;

export interface ReadinessTarget {
  host: string;
  port: number;
  deadline: number;
  /** Returns why the broker can no longer become ready (its JVM exited), if so. */
  gone(): string | undefined;
}

/** Ready means: the port accepts, the cluster has a broker and a controller, and a producer is acknowledged. */
export async function waitForKafka(target: ReadinessTarget): Promise<void> {
  await pollUntil(target, 'accept TCP connections', () => canConnect(target.host, target.port));
  const kafka = new Kafka({
    clientId: 'larksync-infra-probe',
    brokers: [`${target.host}:${target.port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await pollUntil(target, 'report a broker and a controller', () => hasBrokerAndController(admin));
    await pollUntil(target, 'create a topic and accept a message', () => createAndProduce(kafka, admin));
    await pollUntil(target, 'load the group coordinator', () => hasGroupCoordinator(admin));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function pollUntil(
  target: ReadinessTarget,
  what: string,
  check: () => Promise<boolean>,
): Promise<void> {
  let lastError = '';
  for (;;) {
    const gone = target.gone();
    if (gone) throw new Error(`Kafka exited (${gone}) before it would ${what}`);
    if (Date.now() > target.deadline)
      throw new Error(`Kafka did not ${what} in time${lastError ? `: ${lastError}` : ''}`);
    try {
      if (await check()) return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function hasBrokerAndController(admin: Admin): Promise<boolean> {
  await admin.connect();
  const cluster = await admin.describeCluster();
  return cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller >= 0;
}

/** The first group request creates __consumer_offsets; without this the first test consumer crashes on a loading coordinator. */
async function hasGroupCoordinator(admin: Admin): Promise<boolean> {
  await admin.fetchOffsets({ groupId: PROBE_TOPIC, topics: [PROBE_TOPIC] });
  return true;
}

async function createAndProduce(kafka: Kafka, admin: Admin): Promise<boolean> {
  const existing = await admin.listTopics();
  if (!existing.includes(PROBE_TOPIC)) {
    await admin.createTopics({ topics: [{ topic: PROBE_TOPIC, numPartitions: 1 }], waitForLeaders: true });
  }
  // Idempotent like larksync's producers: its first InitProducerId waits on a coordinator that loads lazily.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
    retry: { retries: 1 },
  });
  try {
    await producer.connect();
    await producer.send({ topic: PROBE_TOPIC, acks: -1, messages: [{ value: 'ready?' }] });
    return true;
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}
