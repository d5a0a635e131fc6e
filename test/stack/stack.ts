import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@app/persistence';
import { appDatabaseUrl } from '@app/testing';
import { LarkSimulator, startLarkSimulator } from '../lark-simulator';
import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { findFreePorts } from '../../deploy/local/src/free-port';
import { startInfra, InfraPurpose } from '../../deploy/local/src/infra';
import { logInfra, secondsSince } from '../../deploy/local/src/infra-log';
import { APP_NAMES, AppName, RunningApp, startApp } from '../../deploy/local/src/app-process';
import { localSecrets } from './demo-secrets';

export const DEFAULT_PORTS: Record<AppName | 'lark-sim', number> = {
  'ingress-gateway': 8080,
  directory: 8081,
  scheduler: 8082,
  'policy-projector': 8083,
  'lark-sim': 9400,
};

export interface StackOptions {
  purpose: InfraPurpose;
  /** Default ports (8080–8083, 9400) or free ones. */
  ports: 'default' | 'free';
  users?: number;
  seed?: number;
  cleanup: CleanupStack;
  /** Folder for the apps' JSON logs; they go to the terminal when absent. */
  logDir?: string;
}

export interface Stack {
  apps: Record<AppName, RunningApp>;
  simulator: LarkSimulator;
  adminToken: string;
  /** The migration user's URL (the apps connect as their own roles). */
  databaseUrl: string;
  kafkaBrokers: string;
}

/**
 * Kafka, PostgreSQL (migrated), the Lark simulator and the four apps, each ready and connected as its own database
 * role (a local LOGIN member of it); undone by `cleanup`.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const startedAt = Date.now();
  const ports = await choosePorts(options.ports);
  const infra = await startInfra({ purpose: options.purpose, cleanup: options.cleanup });
  const applied = await runMigrations(infra.databaseUrl);
  logInfra(applied.length ? `migrations applied: ${applied.length}` : 'schema up to date');
  const simulator = await startLarkSimulator({
    port: ports['lark-sim'],
    users: options.users ?? 200,
    seed: options.seed ?? 42,
  });
  options.cleanup.add('lark simulator', () => simulator.stop());
  const { masterKey, adminToken } = localSecrets();
  const env = {
    KAFKA_BROKERS: infra.kafkaBrokers,
    LARKSYNC_MASTER_KEY: masterKey,
    LARKSYNC_ADMIN_TOKEN: adminToken,
    LARK_BASE_URL: simulator.url,
    PUBLIC_BASE_URL: `http://127.0.0.1:${ports['ingress-gateway']}`,
  };
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const apps = {} as Record<AppName, RunningApp>;
  for (const name of APP_NAMES) {
    const databaseUrl = await appDatabaseUrl(name, infra.databaseUrl);
    apps[name] = await startApp(
      name,
      ports[name],
      { ...env, DATABASE_URL: databaseUrl },
      options.logDir && join(options.logDir, `${name}.log`),
    );
    options.cleanup.add(name, () => apps[name].stop());
  }
  logInfra(`stack ready in ${secondsSince(startedAt)}`);
  return { apps, simulator, adminToken, databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers };
}

async function choosePorts(mode: StackOptions['ports']): Promise<typeof DEFAULT_PORTS> {
  if (mode === 'default') return DEFAULT_PORTS;
  const [gateway, directory, scheduler, projector, sim] = await findFreePorts(5);
  return { 'ingress-gateway': gateway, directory, scheduler, 'policy-projector': projector, 'lark-sim': sim };
}
