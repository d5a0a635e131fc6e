import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack } from './cleanup-stack';
import { findFreePorts } from './free-port';
import { logInfra, secondsSince } from './infra-log';
import { JavaProcess, runJavaToCompletion, spawnJava, stopJava } from './java-process';
import { brokerClassArchive, ClassArchive, storageToolClassArchive } from './kafka-class-archive';
import {
  brokerProperties,
  javaArgs,
  newClusterId,
  renderProperties,
  scramCredentialArgs,
} from './kafka-config';
import { ensureKafkaJars, KafkaJars } from './kafka-jars';
import { waitForKafka } from './kafka-readiness';
import { findRepoRoot } from './repo-root';
import { DATA_DIR_PREFIX, reapStaleBrokers, recordOwner } from './stale-brokers';

export interface KafkaBroker {
  version: string;
  bootstrapServers: string;
  /** With `secure`: the SASL_SSL listener's bootstrap server. */
  secureBootstrapServers?: string;
  pid: number | undefined;
  dataDir: string;
  stop(): Promise<void>;
  /** Stops the JVM and keeps its data and ports, for a later `resume` (fault tests). */
  halt(): Promise<void>;
  /** Starts the halted broker again on the same ports and data. */
  resume(readyTimeoutMs?: number): Promise<void>;
}

export interface SecureBrokerOptions {
  /** PEM file with the broker's unencrypted PKCS#8 key and its certificate chain (for 127.0.0.1). */
  keystoreFile: string;
  /** Created with SCRAM-SHA-256 and SCRAM-SHA-512 credentials when the storage is formatted. */
  scramUser: { name: string; password: string };
}

export interface KafkaBrokerOptions {
  repoRoot?: string;
  readyTimeoutMs?: number;
  stopGraceMs?: number;
  /** Receives the stop step as soon as there is something to undo, so an interrupted start is undone too. */
  cleanup?: CleanupStack;
  /** Adds a SASL_SSL listener with SCRAM (the transport tests); the plaintext listener stays for inter-broker use. */
  secure?: SecureBrokerOptions;
}

const HOST = '127.0.0.1';

/** A real one-node KRaft broker from Kafka's Maven Central jars, on free loopback ports, with a fresh data dir. */
export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const jars = await ensureKafkaJars(options.repoRoot ?? findRepoRoot());
  await reapStaleBrokers();
  const run = new BrokerRun(
    jars,
    await mkdtemp(join(tmpdir(), DATA_DIR_PREFIX)),
    options.stopGraceMs ?? 20_000,
    options.secure,
  );
  const cleanup = options.cleanup ?? new CleanupStack();
  cleanup.add(`Kafka broker in ${run.dataDir}`, run.stop);
  try {
    return await run.start(options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    if (!options.cleanup) await run.stop();
    await run.removeDataDirIfStopped();
    throw error;
  }
}

class BrokerRun {
  private readonly archive: ClassArchive;
  private java?: JavaProcess;
  private stopping?: Promise<void>;
  private propertiesFile = '';
  private clientPort = 0;

  constructor(
    private readonly jars: KafkaJars,
    readonly dataDir: string,
    private readonly stopGraceMs: number,
    private readonly secure?: SecureBrokerOptions,
  ) {
    this.archive = brokerClassArchive(jars.cacheDir, !jars.downloaded);
  }

  async start(readyTimeoutMs: number): Promise<KafkaBroker> {
    const startedAt = Date.now();
    await recordOwner(this.dataDir, { launcherPid: process.pid });
    const [clientPort, controllerPort, securePort] = await findFreePorts(this.secure ? 3 : 2, HOST);
    this.clientPort = clientPort;
    this.propertiesFile = join(this.dataDir, 'server.properties');
    const secure = this.secure && { port: securePort, keystoreFile: this.secure.keystoreFile };
    const properties = brokerProperties({
      clientPort,
      controllerPort,
      logDir: join(this.dataDir, 'logs'),
      host: HOST,
      secure,
    });
    await writeFile(this.propertiesFile, renderProperties(properties));
    this.throwIfStopped();
    await formatStorage(
      this.jars,
      this.propertiesFile,
      this.secure ? scramCredentialArgs(this.secure.scramUser) : [],
    );
    this.throwIfStopped();
    const java = await this.launch(startedAt + readyTimeoutMs);
    logInfra(
      `kafka ${this.jars.version} ready on ${HOST}:${clientPort} in ${secondsSince(startedAt)} (pid ${java.child.pid})`,
    );
    return {
      version: this.jars.version,
      bootstrapServers: `${HOST}:${clientPort}`,
      ...(secure && { secureBootstrapServers: `${HOST}:${secure.port}` }),
      pid: java.child.pid,
      dataDir: this.dataDir,
      stop: this.stop,
      halt: this.halt,
      resume: this.resume,
    };
  }

  readonly halt = async (): Promise<void> => {
    this.throwIfStopped();
    if (this.java) await stopJava(this.java, this.stopGraceMs);
  };

  readonly resume = async (readyTimeoutMs = 60_000): Promise<void> => {
    this.throwIfStopped();
    if (this.java?.exitReason() === undefined) return;
    const startedAt = Date.now();
    await this.launch(startedAt + readyTimeoutMs);
    logInfra(`kafka ready again on ${HOST}:${this.clientPort} in ${secondsSince(startedAt)}`);
  };

  private async launch(deadline: number): Promise<JavaProcess> {
    const java = spawnJava(
      javaArgs({
        ...classpath(this.jars),
        jvmFlags: this.archive.jvmFlags,
        mainClass: 'kafka.Kafka',
        args: [this.propertiesFile],
      }),
    );
    this.java = java;
    await recordOwner(this.dataDir, { launcherPid: process.pid, jvmPid: java.child.pid });
    await waitUntilReady(java, this.clientPort, deadline);
    return java;
  }

  readonly stop = (): Promise<void> => (this.stopping ??= this.stopNow());

  /** Stopped mid-start: the storage tool may have recreated the dir after stop removed it. */
  async removeDataDirIfStopped(): Promise<void> {
    if (this.stopping) await rm(this.dataDir, { recursive: true, force: true });
  }

  private throwIfStopped(): void {
    if (this.stopping) throw new Error('Kafka broker stopped while starting');
  }

  private async stopNow(): Promise<void> {
    const stoppingAt = Date.now();
    if (this.java) await stopJava(this.java, this.stopGraceMs);
    await Promise.all([rm(this.dataDir, { recursive: true, force: true }), this.archive.publish()]);
    if (this.java) logInfra(`kafka stopped (${this.java.exitReason()}) in ${secondsSince(stoppingAt)}`);
  }
}

function formatStorage(jars: KafkaJars, propertiesFile: string, extraArgs: string[]): Promise<void> {
  const args = ['format', '-t', newClusterId(), '-c', propertiesFile, ...extraArgs];
  // A short-lived tool: the quick JIT tier and a single-threaded GC leave the cores to everything else starting.
  const jvmFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', ...storageToolClassArchive(jars.cacheDir)];
  return runJavaToCompletion(
    javaArgs({ ...classpath(jars), jvmFlags, mainClass: 'kafka.tools.StorageTool', args }),
    'Kafka storage format',
  );
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
