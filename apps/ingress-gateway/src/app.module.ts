import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@app/contracts';
import { Logger } from '@app/logging';
import { coreModules } from '@app/platform';
import { IngressGatewayEnv, ssoRedirectOrigins } from './config/ingress-gateway.config';
import { LarkWebhookOptions } from './lark-webhook/event-ingest.service';
import { ClientDiscoveryModule } from './client-discovery/client-discovery.module';
import { IdpLookupModule } from './idp/idp-lookup.module';
import { LarkWebhookModule } from './lark-webhook/lark-webhook.module';
import { SsoModule } from './sso/sso.module';

export const DEFAULT_WEBHOOK_OPTIONS: Omit<LarkWebhookOptions, 'rateLimits'> = {
  eventsTopic: Topics.larkEvents,
  publishTimeoutMs: 2500,
  recentEventCapacity: 50_000,
};

const IDP_CACHE_TTL_MS = 3000;
const LARK_OAUTH_TIMEOUT_MS = 5000;

@Module({})
export class AppModule {
  static register(
    config: IngressGatewayEnv,
    logger: Logger,
    webhook: Partial<LarkWebhookOptions> = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The JWKS is served by SessionsModule, public by decision: relying parties hold no credential of ours.
        ...coreModules('ingress-gateway', config, logger, { publicRoutes: ['GET /.well-known/jwks.json'] }),
        IdpLookupModule.forRoot({
          masterKey: config.masterKeys,
          ttlMs: IDP_CACHE_TTL_MS,
          maxEntries: 10_000,
        }),
        LarkWebhookModule.forRoot({
          ...DEFAULT_WEBHOOK_OPTIONS,
          rateLimits: {
            perIdpPerSecond: config.WEBHOOK_RATE_LIMIT_PER_IDP,
            perAddressPerSecond: config.WEBHOOK_RATE_LIMIT_PER_ADDRESS,
          },
          ...webhook,
        }),
        ClientDiscoveryModule.forRoot({
          publicBaseUrl: config.PUBLIC_BASE_URL,
          perAddressPerMinute: config.DISCOVERY_RATE_LIMIT_PER_MINUTE,
        }),
        SsoModule.forRoot({
          sso: {
            masterKey: config.masterKeys,
            publicBaseUrl: config.PUBLIC_BASE_URL,
            larkBaseUrl: config.LARK_BASE_URL,
            redirectOrigins: ssoRedirectOrigins(config),
          },
          lark: { timeoutMs: LARK_OAUTH_TIMEOUT_MS },
          sessions: {
            masterKey: config.masterKeys,
            issuer: config.PUBLIC_BASE_URL.replace(/\/+$/, ''),
            audience: config.SSO_SESSION_AUDIENCE,
            lifetimeS: config.SSO_SESSION_TTL_S,
            rotateEveryMs: config.SSO_SIGNING_KEY_ROTATION_DAYS * 24 * 3600 * 1000,
          },
        }),
      ],
    };
  }
}
