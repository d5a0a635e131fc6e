import { randomUUID } from 'node:crypto';
import { appDatabaseUrl, TEST_MASTER_KEY } from '@app/testing';
import { createServer } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { generateEnterpriseIdentifier } from '@app/contracts';
import {
  dataSourceOptions,
  Idp,
  IdpStatus,
  LarkPlatform,
  sealCredentials,
  SecretBox,
} from '@app/persistence';
import { AppModule } from '../../app.module';
import { IngressGatewayEnv } from '../../config/ingress-gateway.config';
import { useJsonErrors } from '../../http/json-error.filter';

export interface SsoGateway {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** A free loopback port, so PUBLIC_BASE_URL (and with it the OAuth redirect URL) is known before the gateway boots. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The gateway as bootApp builds it, as its own database role, with Lark at `larkBaseUrl` (the simulator). */
export async function startSsoGateway(env: {
  larkBaseUrl: string;
  ssoRedirectOrigins?: string;
  /** Where browsers reach the gateway, when it is one replica of several behind one address. */
  publicBaseUrl?: string;
  discoveryRateLimitPerMinute?: number;
}): Promise<SsoGateway> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig(IngressGatewayEnv, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    DATABASE_URL: await appDatabaseUrl('ingress-gateway', process.env.DATABASE_URL!),
    LARKSYNC_MASTER_KEY: TEST_MASTER_KEY,
    LARK_BASE_URL: env.larkBaseUrl,
    PUBLIC_BASE_URL: env.publicBaseUrl ?? url,
    SSO_REDIRECT_ORIGINS: env.ssoRedirectOrigins,
    DISCOVERY_RATE_LIMIT_PER_MINUTE: String(env.discoveryRateLimitPerMinute ?? 1000),
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, logger),
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { rawBody: true, logger: false },
  );
  useJsonErrors(app);
  await app.listen(port, '127.0.0.1');
  return { app, url, close: () => app.close() };
}

export interface SsoIdpRow {
  appId: string;
  appSecret: string;
  status?: IdpStatus;
  platform?: LarkPlatform;
  tenantKey?: string | null;
  enterpriseId?: string;
  name?: string;
  description?: string;
}

export interface EnterpriseRow {
  id: string;
  /** Canonical form. */
  identifier: string;
}

/** Writes `idp` rows as the directory's admin API does, and `directory_user` rows as its sync does. */
export class SsoFixtures {
  private readonly dataSource: DataSource;
  private readonly box = new SecretBox(TEST_MASTER_KEY);

  constructor(databaseUrl: string) {
    this.dataSource = new DataSource(dataSourceOptions(databaseUrl, 'sso-test'));
  }

  async connect(): Promise<void> {
    await this.dataSource.initialize();
  }

  async createIdp(row: SsoIdpRow): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository(Idp).insert({
      id,
      name: row.name ?? `sso-test-${id}`,
      description: row.description ?? '',
      ...(row.enterpriseId ? { enterpriseId: row.enterpriseId } : {}),
      status: row.status ?? 'enabled',
      platform: row.platform ?? 'feishu',
      sealedCredentials: sealCredentials(this.box, id, {
        appId: row.appId,
        appSecret: row.appSecret,
        encryptKey: null,
        verificationToken: 'vt_sso_test',
      }),
      tenantKey: row.tenantKey ?? null,
    });
    return id;
  }

  /** An enterprise as the directory's admin API makes one. */
  async createEnterprise(redirectSchemes: string[] = []): Promise<EnterpriseRow> {
    const identifier = generateEnterpriseIdentifier();
    const [{ id }] = await this.dataSource.query(
      'INSERT INTO enterprise (name, auth_identifier, redirect_schemes) VALUES ($1, $2, $3) RETURNING id',
      [`sso-test-${randomUUID()}`, identifier, redirectSchemes],
    );
    return { id, identifier };
  }

  async regenerateIdentifier(enterpriseId: string): Promise<string> {
    const identifier = generateEnterpriseIdentifier();
    await this.dataSource.query('UPDATE enterprise SET auth_identifier = $2 WHERE id = $1', [
      enterpriseId,
      identifier,
    ]);
    return identifier;
  }

  async addDirectoryUser(
    idpId: string,
    openId: string,
    status: string,
    name = 'SSO Test User',
  ): Promise<void> {
    const larkStatus = status === 'out_of_scope' ? 'active' : status;
    await this.dataSource.query(
      `INSERT INTO directory_user (idp_id, open_id, name, status, lark_status) VALUES ($1, $2, $3, $4, $5)`,
      [idpId, openId, name, status, larkStatus],
    );
  }

  async setDirectoryUserStatus(idpId: string, openId: string, status: string): Promise<void> {
    await this.dataSource.query('UPDATE directory_user SET status = $3 WHERE idp_id = $1 AND open_id = $2', [
      idpId,
      openId,
      status,
    ]);
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
