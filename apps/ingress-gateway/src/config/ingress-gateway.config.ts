import { IsOptional, IsUrl, Matches } from 'class-validator';
import { withLarkBaseUrl, withMasterKey, withPort } from '@app/config';

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
}

export function ssoRedirectOrigins(config: IngressGatewayEnv): string[] {
  return (config.SSO_REDIRECT_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}
