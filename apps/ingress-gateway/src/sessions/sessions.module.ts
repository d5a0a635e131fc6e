import { DynamicModule, Module } from '@nestjs/common';
import { SessionKeysController, JWKS_MAX_AGE_S } from './session-keys.controller';
import { SESSION_TOKENS_OPTIONS, SessionTokens } from './session-tokens';
import { SigningKeyRepository } from './signing-key.repository';
import { SIGNING_KEYS_OPTIONS, SigningKeysService } from './signing-keys.service';

export interface SessionsModuleOptions {
  masterKey: string;
  issuer: string;
  audience: string;
  lifetimeS: number;
  rotateEveryMs: number;
}

const RELOAD_EVERY_MS = 60_000;

/** SASE sessions: EdDSA JWTs, their signing keys (shared by the replicas, rotated) and the JWKS. */
@Module({})
export class SessionsModule {
  static forRoot(options: SessionsModuleOptions): DynamicModule {
    return {
      module: SessionsModule,
      controllers: [SessionKeysController],
      providers: [
        {
          provide: SIGNING_KEYS_OPTIONS,
          useValue: {
            masterKey: options.masterKey,
            reloadEveryMs: RELOAD_EVERY_MS,
            policy: {
              rotateEveryMs: options.rotateEveryMs,
              publishAheadMs: 2 * JWKS_MAX_AGE_S * 1000,
              sessionLifetimeMs: options.lifetimeS * 1000,
            },
          },
        },
        {
          provide: SESSION_TOKENS_OPTIONS,
          useValue: { issuer: options.issuer, audience: options.audience, lifetimeS: options.lifetimeS },
        },
        SigningKeyRepository,
        SigningKeysService,
        SessionTokens,
      ],
      exports: [SessionTokens],
    };
  }
}
