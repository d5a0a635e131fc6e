import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DirectoryDepartment, DirectoryUser, Topics } from '@app/contracts';
import { flattenCustomAttrs, mapLarkUserStatus, pickPrimaryDepartment } from '@app/directory-domain';
import { BatchConsumerServer, KafkaModule, MessagePublisher } from '@app/kafka';
import { createLogger, LoggingModule } from '@app/logging';
import { DatabaseModule, Idp, OrgScope, SecretBox, sealCredentials } from '@app/persistence';
import { AccessModule, PlatformModule } from '@app/platform';
import { loadConfig } from '@app/config';
import { appDatabaseUrl } from '@app/testing';
import { DirectoryEnv } from '../src/config/directory.config';
import { DirectoryConfigModule } from '../src/config/directory-config.module';
import {
  DEFAULT_APP,
  LarkSimulator,
  ROOT_DEPARTMENT_ID,
  SimUser,
  userOrders,
  userStatus,
} from '../../../test/lark-simulator';
import { FullSyncModule } from '../src/full-sync/full-sync.module';
import { FullSyncOptions } from '../src/full-sync/full-sync.options';
import { OrgReader } from '../src/org-store';
import { SyncRunView } from '../src/full-sync/sync-run.repository';

export const ADMIN_TOKEN = 'full-sync-admin-token-0123456789';
const MASTER_KEY = randomBytes(32).toString('base64');

export interface FullSyncHarness {
  app: NestFastifyApplication;
  createIdp(overrides?: Partial<Idp>): Promise<string>;
  request(method: 'GET' | 'POST', url: string): Promise<{ status: number; body: any }>;
  startSync(idpId: string): Promise<SyncRunView>;
  waitForRun(runId: string, until?: (run: SyncRunView) => boolean): Promise<SyncRunView>;
  storedOrg(idpId: string): Promise<{ departments: DirectoryDepartment[]; users: DirectoryUser[] }>;
  close(): Promise<void>;
}

/**
 * The directory's full sync, in-process and as the directory's database role, against a simulator, real Kafka and
 * PostgreSQL.
 */
export async function startFullSyncHarness(
  sim: LarkSimulator,
  overrides: Partial<FullSyncOptions> = {},
  ownerDatabaseUrl = process.env.DATABASE_URL!,
): Promise<FullSyncHarness> {
  const logger = createLogger('full-sync-int', 'silent');
  const options: FullSyncOptions = { masterKey: MASTER_KEY, larkBaseUrl: sim.url, ...overrides };
  const databaseUrl = await appDatabaseUrl('directory', ownerDatabaseUrl);
  // A `LARKSYNC_MASTER_KEYS` list names its keys (`id:key,…`); a single key is LARKSYNC_MASTER_KEY.
  const masterKeyEnv = options.masterKey.includes(':')
    ? { LARKSYNC_MASTER_KEYS: options.masterKey }
    : { LARKSYNC_MASTER_KEY: options.masterKey };
  @Module({})
  class HarnessModule {
    static register(): DynamicModule {
      return {
        module: HarnessModule,
        imports: [
          LoggingModule.forRoot(logger),
          KafkaModule.forRoot({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'full-sync-int' }),
          DatabaseModule.forRoot(databaseUrl, 'full-sync-int'),
          PlatformModule.forRoot({ service: 'directory', readinessChecks: [] }),
          AccessModule.forRoot({ bootstrapAdminToken: ADMIN_TOKEN }),
          DirectoryConfigModule.forRoot(
            loadConfig(DirectoryEnv, {
              DATABASE_URL: ownerDatabaseUrl,
              ...masterKeyEnv,
              LARKSYNC_ADMIN_TOKEN: ADMIN_TOKEN,
            }),
          ),
          FullSyncModule.register(options),
        ],
      };
    }
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    HarnessModule.register(),
    new FastifyAdapter(),
    { logger: false },
  );
  app.connectMicroservice(
    {
      strategy: new BatchConsumerServer({
        kafka: app.get(Kafka),
        groupId: `full-sync-int-${randomUUID()}`,
        topics: [Topics.directoryCommands],
        deadLetters: app.get(MessagePublisher),
        logger,
      }),
    },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  const box = new SecretBox(options.masterKey);

  const request = async (method: 'GET' | 'POST', url: string) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  };
  const waitForRun = async (
    runId: string,
    until = (run: SyncRunView) => !['queued', 'running'].includes(run.status),
  ) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { body } = await request('GET', `/api/sync-runs/${runId}`);
      if (until(body as SyncRunView)) return body as SyncRunView;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    app,
    request,
    waitForRun,
    async createIdp(idpOverrides = {}) {
      const id = randomUUID();
      const credentials = {
        appId: DEFAULT_APP.appId,
        appSecret: DEFAULT_APP.appSecret,
        encryptKey: null,
        verificationToken: DEFAULT_APP.verificationToken,
      };
      await app
        .get(DataSource)
        .getRepository(Idp)
        .insert({
          id,
          name: `full-sync ${id}`,
          sealedCredentials: sealCredentials(box, id, credentials),
          ...idpOverrides,
        });
      return id;
    },
    async startSync(idpId) {
      const { status, body } = await request('POST', `/api/idps/${idpId}/sync`);
      if (status !== 202) throw new Error(`sync not started: ${status} ${JSON.stringify(body)}`);
      return body as SyncRunView;
    },
    async storedOrg(idpId) {
      const reader = app.get(OrgReader);
      return {
        departments: (await reader.departments(idpId)).map((row) => row.department),
        users: (await reader.users(idpId)).map((row) => row.user),
      };
    },
    close: () => app.close(),
  };
}

/** What the directory must hold for the simulator's org (every mapped field), optionally cut to a partial scope. */
export function expectedOrg(
  sim: LarkSimulator,
  scope: OrgScope = { mode: 'all' },
): { departments: DirectoryDepartment[]; users: DirectoryUser[] } {
  const selected =
    scope.mode === 'partial'
      ? new Set(scope.departmentIds.flatMap((id) => [id, ...sim.org.descendantIds(id)]))
      : undefined;
  const departments = sim.org.departments().filter((d) => !selected || selected.has(d.openDepartmentId));
  const known = new Set(departments.map((d) => d.openDepartmentId));
  const groupMembers = new Set(
    scope.mode === 'partial'
      ? sim.org.groups.filter((g) => scope.groupIds.includes(g.id)).flatMap((g) => g.memberOpenIds)
      : [],
  );
  const users = sim.org
    .listedUsers()
    .filter(
      (u) => !selected || groupMembers.has(u.openId) || u.departmentOpenIds.some((id) => selected.has(id)),
    );
  return {
    departments: departments.map((d) => ({
      openDepartmentId: d.openDepartmentId,
      departmentId: d.departmentId,
      name: d.name,
      parentId: d.parentOpenId === ROOT_DEPARTMENT_ID ? null : d.parentOpenId,
      path: sim.org
        .ancestorIds(d.openDepartmentId)
        .reverse()
        .filter((id) => known.has(id)),
      leaderOpenId: d.leaderOpenId ?? null,
      order: d.order,
      status: 'active',
    })),
    users: users.map(expectedUser),
  };
}

function expectedUser(u: SimUser): DirectoryUser {
  return {
    openId: u.openId,
    unionId: u.unionId,
    userId: u.userId,
    name: u.name,
    enName: u.enName || null,
    email: u.email ?? null,
    enterpriseEmail: u.enterpriseEmail ?? null,
    mobile: u.mobile ?? null,
    employeeNo: u.employeeNo || null,
    employeeType: u.employeeType,
    jobTitle: u.jobTitle || null,
    departmentIds: u.departmentOpenIds,
    primaryDepartmentId: pickPrimaryDepartment(
      u.departmentOpenIds,
      userOrders(u, u.departmentOpenIds) as never,
    ),
    leaderOpenId: u.leaderOpenId ?? null,
    status: mapLarkUserStatus(userStatus(u) as never),
    customAttrs: flattenCustomAttrs(u.customAttrs),
  };
}

export function byId<T>(items: T[], id: (item: T) => string): T[] {
  return [...items].sort((a, b) => id(a).localeCompare(id(b)));
}
