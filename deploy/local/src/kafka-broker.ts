import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack } from './cleanup-stack';
import { findFreePorts } from './free-port';
import { logInfra, secondsSince } from './infra-log';
import { JavaProcess, runJavaToCompletion, spawnJava, stopJava } from './java-process';
import { brokerProperties, javaArgs, newClusterId, renderProperties } from './kafka-config';
import { ensureKafkaJars, KafkaJars } from './kafka-jars';
import { waitForKafka } from './kafka-readiness';
import { findRepoRoot } from './repo-root';

export interface KafkaBroker {
  version: string;
  bootstrapServers: string;
  pid: number | undefined;
  dataDir: string;
  stop(): Promise<void>;
}

export interface KafkaBrokerOptions {
  repoRoot?: string;
  readyTimeoutMs?: number;
  stopGraceMs?: number;
  /** Receives the stop step as soon as there is something to undo, so an interrupted start is undone too. */
  cleanup?: CleanupStack;
}

const HOST = '127.0.0.1';

/** A real one-node KRaft broker from Kafka's Maven Central jars, on free loopback ports, with a fresh data dir. */
export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const jars = await ensureKafkaJars(options.repoRoot ?? findRepoRoot());
  const startedAt = Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'larksync-kafka-'));
  let java: JavaProcess | undefined;
  let isStopped = false;
  const stop = once(async () => {
    isStopped = true;
    const stoppingAt = Date.now();
    if (java) await stopJava(java, options.stopGraceMs ?? 20_000);
    await rm(dataDir, { recursive: true, force: true });
    if (java) logInfra(`kafka stopped (${java.exitReason()}) in ${secondsSince(stoppingAt)}`);
  });
  const cleanup = options.cleanup ?? new CleanupStack();
  cleanup.add(`Kafka broker in ${dataDir}`, stop);
  try {
    const [clientPort, controllerPort] = await findFreePorts(2, HOST);
    const propertiesFile = await writeBrokerProperties(dataDir, clientPort, controllerPort);
    if (isStopped) throw new Error('Kafka broker stopped while starting');
    await formatStorage(jars, propertiesFile);
    if (isStopped) throw new Error('Kafka broker stopped while starting');
    java = spawnJava(javaArgs({ ...classpath(jars), mainClass: 'kafka.Kafka', args: [propertiesFile] }));
    await waitUntilReady(java, clientPort, startedAt + (options.readyTimeoutMs ?? 60_000));
    logInfra(`kafka ${jars.version} ready on ${HOST}:${clientPort} in ${secondsSince(startedAt)} (pid ${java.child.pid})`);
    return { version: jars.version, bootstrapServers: `${HOST}:${clientPort}`, pid: java.child.pid, dataDir, stop };
  } catch (error) {
    if (!options.cleanup) await stop();
    // Stopped mid-start: the storage tool may have recreated the dir after stop removed it.
    if (isStopped) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function writeBrokerProperties(dataDir: string, clientPort: number, controllerPort: number): Promise<string> {
  const file = join(dataDir, 'server.properties');
  const properties = brokerProperties({ clientPort, controllerPort, logDir: join(dataDir, 'logs'), host: HOST });
  await writeFile(file, renderProperties(properties));
  return file;
}

function formatStorage(jars: KafkaJars, propertiesFile: string): Promise<void> {
  const args = ['format', '-t', newClusterId(), '-c', propertiesFile];
  return runJavaToCompletion(javaArgs({ ...classpath(jars), mainClass: 'kafka.tools.StorageTool', args }), 'Kafka storage format');
}

async function waitUntilReady(java: JavaProcess, port: number, deadline: number): Promise<void> {
  try {
    await waitForKafka({ host: HOST, port, deadline, gone: java.exitReason });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- broker output (tail) ---\n${java.tail.text()}`);
  }
}

function classpath(jars: KafkaJars): { libsDir: string; log4jConfig: string } {
  return { libsDir: jars.libsDir, log4jConfig: jars.log4jConfig };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}
