import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePorts } from '../../../deploy/local/src/free-port';
import {
  JavaProcess,
  runJavaToCompletion,
  spawnJava,
  stopJava,
} from '../../../deploy/local/src/java-process';
import {
  brokerProperties,
  javaArgs,
  newClusterId,
  renderProperties,
} from '../../../deploy/local/src/kafka-config';
import { ensureKafkaJars, KafkaJars } from '../../../deploy/local/src/kafka-jars';
import { waitForKafka } from '../../../deploy/local/src/kafka-readiness';
import { findRepoRoot } from '../../../deploy/local/src/repo-root';

const HOST = '127.0.0.1';

/**
 * A one-node KRaft broker that can be stopped and started again on the same ports and data dir,
 * built from deploy/local's parts (its startKafkaBroker removes the data dir on stop).
 */
export class RestartableKafkaBroker {
  private java?: JavaProcess;

  private constructor(
    private readonly jars: KafkaJars,
    private readonly dataDir: string,
    private readonly propertiesFile: string,
    private readonly clientPort: number,
  ) {}

  static async start(): Promise<RestartableKafkaBroker> {
    const jars = await ensureKafkaJars(findRepoRoot());
    const dataDir = await mkdtemp(join(tmpdir(), 'larksync-gateway-kafka-'));
    const [clientPort, controllerPort] = await findFreePorts(2, HOST);
    const propertiesFile = join(dataDir, 'server.properties');
    await writeFile(
      propertiesFile,
      renderProperties(
        brokerProperties({ clientPort, controllerPort, logDir: join(dataDir, 'logs'), host: HOST }),
      ),
    );
    const classpath = { libsDir: jars.libsDir, log4jConfig: jars.log4jConfig };
    await runJavaToCompletion(
      javaArgs({
        ...classpath,
        mainClass: 'kafka.tools.StorageTool',
        args: ['format', '-t', newClusterId(), '-c', propertiesFile],
      }),
      'Kafka storage format',
    );
    const broker = new RestartableKafkaBroker(jars, dataDir, propertiesFile, clientPort);
    await broker.resume();
    return broker;
  }

  get bootstrapServers(): string {
    return `${HOST}:${this.clientPort}`;
  }

  /** Starts the JVM again on the same data: topics and records survive. */
  async resume(): Promise<void> {
    const java = spawnJava(
      javaArgs({
        libsDir: this.jars.libsDir,
        log4jConfig: this.jars.log4jConfig,
        mainClass: 'kafka.Kafka',
        args: [this.propertiesFile],
      }),
    );
    this.java = java;
    await waitForKafka({
      host: HOST,
      port: this.clientPort,
      deadline: Date.now() + 60_000,
      gone: java.exitReason,
    });
  }

  async halt(): Promise<void> {
    if (this.java) await stopJava(this.java, 20_000);
    this.java = undefined;
  }

  async destroy(): Promise<void> {
    await this.halt();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
