import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { toInt, withLarkBaseUrl, withMasterKey, withPort } from '@app/config';

const ORIGIN_LIST = /^https?:\/\/[^/\s,]+(,\s*https?:\/\/[^/\s,]+)*$/;

export class IngressGatewayEnv extends withLarkBaseUrl(withMasterKey(withPort(8080))) {
  /** Where browsers and Lark reach the gateway; Lark's OAuth redirect URL is `${PUBLIC_BASE_URL}/open-dev/feishu`. */
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_BASE_URL = 'http://127.0.0.1:8080';

  /** Comma-separated origins (`https://sase.example.com`) that `/sso/:idpId/login?redirect=` may send sessions back to. */
  @IsOptional()
  @Matches(ORIGIN_LIST, { message: 'must be a comma-separated list of http(s) origins' })
  SSO_REDIRECT_ORIGINS?: string;

  /** How long a SASE session lasts; relying parties learn of a resignation sooner through `POST /sso/introspect`. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(60)
  @Max(86_400)
  SSO_SESSION_TTL_S = 3600;

  /** The sessions' `aud` claim: what relying parties check a session was issued for. */
  @IsString()
  @Matches(/^\S+$/, { message: 'must be a non-empty value without spaces' })
  SSO_SESSION_AUDIENCE = 'sase-client';

  /** How often a new session signing key is made; the old one stays published until its sessions expire. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1)
  @Max(365)
  SSO_SIGNING_KEY_ROTATION_DAYS = 30;

  /** Deliveries a second one IdP's Request URL takes on one replica; more get 429 and Lark retries them. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100_000)
  WEBHOOK_RATE_LIMIT_PER_IDP = 2000;

  /** Deliveries a second one client address sends on one replica (Lark sends every tenant's from a few). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100_000)
  WEBHOOK_RATE_LIMIT_PER_ADDRESS = 5000;

  /** Lookups of identity sources a minute one client address makes on one replica; more get 429. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10_000)
  DISCOVERY_RATE_LIMIT_PER_MINUTE = 30;
}

export function ssoRedirectOrigins(config: IngressGatewayEnv): string[] {
  return (config.SSO_REDIRECT_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}
