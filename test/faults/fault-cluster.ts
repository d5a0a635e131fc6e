import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { runMigrations } from '@app/persistence';
import { appDatabaseUrl, callJson, eventually } from '@app/testing';
import { DEFAULT_APP, LarkSimulator, startLarkSimulator } from '../lark-simulator';
import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { findFreePorts } from '../../deploy/local/src/free-port';
import { KafkaBroker, startKafkaBroker } from '../../deploy/local/src/kafka-broker';
import { startPostgres } from '../../deploy/local/src/postgres';
import { AppName, RunningApp, startApp } from '../../deploy/local/src/app-process';
import { findRepoRoot } from '../../deploy/local/src/repo-root';
import { RoundRobinProxy } from './round-robin-proxy';

/** How many replicas of each app the suite runs. */
export const REPLICAS: Record<AppName, number> = {
  'ingress-gateway': 2,
  directory: 2,
  'policy-projector': 2,
  scheduler: 1,
};

export interface Replica {
  app: AppName;
  index: number;
  port: number;
  running?: RunningApp;
}

export interface FaultClusterOptions {
  users: number;
  seed: number;
  cleanup: CleanupStack;
}

/**
 * The built apps as real processes (two replicas each of gateway, directory and projector, one scheduler) on one
 * Kafka broker and a PostgreSQL database of their own, with the Lark simulator delivering to the gateways through one
 * round-robin address, with Lark's real retry schedule. Undone by the cleanup stack.
 */
export class FaultCluster {
  readonly replicas: Replica[] = [];
  readonly adminToken = `faults-${randomBytes(18).toString('base64url')}`;
  readonly logDir = join(findRepoRoot(), 'dist', 'faults-logs');
  idpId = '';
  readerToken = '';
  gatewayAddress = '';

  private constructor(
    readonly broker: KafkaBroker,
    readonly databaseUrl: string,
    readonly simulator: LarkSimulator,
    private readonly env: NodeJS.ProcessEnv,
    private readonly cleanup: CleanupStack,
  ) {}

  static async start(options: FaultClusterOptions): Promise<FaultCluster> {
    const { cleanup } = options;
    const [broker, database] = await Promise.all([
      startKafkaBroker({ cleanup }),
      startPostgres({ purpose: 'test', cleanup }),
    ]);
    await runMigrations(database.databaseUrl);
    const simulator = await startLarkSimulator({ users: options.users, seed: options.seed });
    cleanup.add('lark simulator', () => simulator.stop());
    const proxy = new RoundRobinProxy((): string[] => cluster.urlsOf('ingress-gateway'));
    const gatewayAddress: string = await proxy.listen();
    cleanup.add('gateway proxy', () => proxy.close());
    const env: NodeJS.ProcessEnv = {
      KAFKA_BROKERS: broker.bootstrapServers,
      LARKSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
      LARK_BASE_URL: simulator.url,
      PUBLIC_BASE_URL: gatewayAddress,
      LOG_LEVEL: 'warn',
    };
    const cluster: FaultCluster = new FaultCluster(broker, database.databaseUrl, simulator, env, cleanup);
    cluster.gatewayAddress = gatewayAddress;
    await cluster.startAll();
    await cluster.connectIdp();
    return cluster;
  }

  private async startAll(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    const total = Object.values(REPLICAS).reduce((sum, count) => sum + count, 0);
    const ports = await findFreePorts(total);
    for (const [app, count] of Object.entries(REPLICAS) as [AppName, number][])
      for (let index = 0; index < count; index++)
        this.replicas.push({ app, index, port: ports[this.replicas.length] });
    this.cleanup.add('apps', async () => {
      await Promise.all(this.replicas.map((replica) => replica.running?.stop()));
    });
    await Promise.all(this.replicas.map((replica) => this.restart(replica)));
  }

  replica(app: AppName, index = 0): Replica {
    return this.replicas.find((replica) => replica.app === app && replica.index === index)!;
  }

  urlsOf(app: AppName): string[] {
    return this.replicas
      .filter((replica) => replica.app === app)
      .map(({ port }) => `http://127.0.0.1:${port}`);
  }

  url(app: AppName, index = 0): string {
    return `http://127.0.0.1:${this.replica(app, index).port}`;
  }

  async restart(replica: Replica): Promise<void> {
    const databaseUrl = await appDatabaseUrl(replica.app, this.databaseUrl);
    replica.running = await startApp(
      replica.app,
      replica.port,
      { ...this.env, LARKSYNC_ADMIN_TOKEN: this.adminToken, DATABASE_URL: databaseUrl },
      join(this.logDir, `${replica.app}-${replica.index}.log`),
      120_000,
    );
  }

  /** SIGKILL: no drain, no commit of the batch in flight. */
  async kill(replica: Replica): Promise<void> {
    const child = replica.running?.process;
    replica.running = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Ends every backend the apps' logins hold on this database, whatever they are doing. */
  async terminateAppBackends(): Promise<{ backends: number; midTransaction: number }> {
    return this.withOwner(async (client) => {
      const { rows } = await client.query<{ state: string | null; terminated: boolean }>(
        `SELECT state, pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE datname = current_database() AND usename LIKE '%\\_local' AND pid <> pg_backend_pid()`,
      );
      const terminated = rows.filter((row) => row.terminated);
      return {
        backends: terminated.length,
        midTransaction: terminated.filter(
          (row) => row.state === 'active' || row.state?.startsWith('idle in transaction'),
        ).length,
      };
    });
  }

  async withOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  kafka(): Kafka {
    return new Kafka({
      clientId: 'fault-suite',
      brokers: [this.broker.bootstrapServers],
      logLevel: logLevel.NOTHING,
    });
  }

  private async connectIdp(): Promise<void> {
    const directory = this.url('directory');
    const idp = await callJson<{ id: string; requestUrl: string }>(
      'POST',
      `${directory}/api/idps`,
      this.adminToken,
      {
        name: 'fault-suite',
        description: 'Fault suite',
        platform: 'feishu',
        appId: DEFAULT_APP.appId,
        appSecret: DEFAULT_APP.appSecret,
        encryptKey: DEFAULT_APP.encryptKey,
        verificationToken: DEFAULT_APP.verificationToken,
        autoSync: true,
        syncUserInfo: true,
        syncIntervalHours: 24,
      },
    );
    this.idpId = idp.id;
    const app = this.simulator.apps.require(DEFAULT_APP.appId);
    app.requestUrl = idp.requestUrl;
    const verification = await this.simulator.delivery.verifyRequestUrl(app, idp.requestUrl);
    if (!verification.isVerified) throw new Error(`URL verification failed: ${verification.body}`);
    const credential = await callJson<{ secret: string }>(
      'POST',
      `${directory}/api/credentials`,
      this.adminToken,
      {
        name: 'fault-suite-reader',
        role: 'policy-reader',
        idpIds: [idp.id],
      },
    );
    this.readerToken = credential.secret;
  }

  /** A full sync, run to its end by whichever directory replica claims it. */
  async fullSync(): Promise<{ status: string; counts: Record<string, number> }> {
    const directory = this.url('directory');
    const run = await callJson<{ id: string }>(
      'POST',
      `${directory}/api/idps/${this.idpId}/sync`,
      this.adminToken,
    );
    return eventually(
      'the full sync',
      async () => {
        const current = await callJson<{ status: string; counts: Record<string, number> }>(
          'GET',
          `${this.url('directory')}/api/sync-runs/${run.id}`,
          this.adminToken,
        );
        return ['succeeded', 'failed', 'held'].includes(current.status) ? current : undefined;
      },
      180_000,
    );
  }
}
