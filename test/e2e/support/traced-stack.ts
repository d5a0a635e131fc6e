import { randomBytes } from 'node:crypto';
import { appDatabaseUrl, TEST_MASTER_KEY } from '@app/testing';
import { Topics } from '@app/contracts';
import { testKafkaClient } from '../../../libs/kafka/src/testing/test-kafka-client';
import { runMigrations } from '@app/persistence';
import { OtlpReceiver, startOtlpReceiver } from '../../../libs/telemetry/src/testing';
import { CleanupStack } from '../../../deploy/local/src/cleanup-stack';
import { findFreePorts } from '../../../deploy/local/src/free-port';
import { LarkSimulator, startLarkSimulator } from '../../lark-simulator';
import { CapturedApp, startCapturedApp } from './captured-app';
import { TopicRecorder } from '../../../libs/kafka/src/testing';

export const TRACED_APPS = ['ingress-gateway', 'directory', 'policy-projector'] as const;
export type TracedApp = (typeof TRACED_APPS)[number];

export interface TracedStack {
  receiver: OtlpReceiver;
  simulator: LarkSimulator;
  apps: Record<TracedApp, CapturedApp>;
  /** Every record of sase.subjects.v1 (read from the beginning; tests filter by their idpId). */
  subjects: TopicRecorder;
  masterKey: string;
  adminToken: string;
}

/**
 * The webhook-to-policy pipeline on the shared Kafka and PostgreSQL: an in-test OTLP receiver, the Lark
 * simulator in-process and the built gateway, directory and projector (each as its database role) exporting their
 * spans to it.
 * Everything started is registered on `cleanup`.
 */
export async function startTracedStack(cleanup: CleanupStack): Promise<TracedStack> {
  await runMigrations(process.env.DATABASE_URL!);
  const receiver = await startOtlpReceiver();
  cleanup.add('otlp receiver', () => receiver.close());
  const simulator = await startLarkSimulator({ users: 12, seed: 9 });
  cleanup.add('lark simulator', () => simulator.stop());
  const [gatewayPort, directoryPort, projectorPort] = await findFreePorts(3);
  const adminToken = `e2e-admin-${randomBytes(12).toString('hex')}`;
  const env = {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    LARKSYNC_MASTER_KEY: TEST_MASTER_KEY,
    LARKSYNC_ADMIN_TOKEN: adminToken,
    LARK_BASE_URL: simulator.url,
    PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    LOG_LEVEL: 'debug',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  const ports: Record<TracedApp, number> = {
    'ingress-gateway': gatewayPort,
    directory: directoryPort,
    'policy-projector': projectorPort,
  };
  const apps = {} as Record<TracedApp, CapturedApp>;
  for (const name of TRACED_APPS) {
    // Own consumer groups: other suites may run built apps on the same broker at the same time.
    const group = `e2e-${name}-${randomBytes(4).toString('hex')}`;
    const databaseUrl = await appDatabaseUrl(name, process.env.DATABASE_URL!);
    apps[name] = await startCapturedApp(name, ports[name], {
      ...env,
      DATABASE_URL: databaseUrl,
      KAFKA_CONSUMER_GROUP: group,
    });
    cleanup.add(name, () => apps[name].stop());
  }
  const kafka = testKafkaClient('trace-e2e');
  const subjects = new TopicRecorder(kafka, { topics: Topics.saseSubjects });
  await subjects.start();
  cleanup.add('sase.subjects.v1 watcher', () => subjects.stop());
  return { receiver, simulator, apps, subjects, masterKey: TEST_MASTER_KEY, adminToken };
}
