import { LarkPlatform } from '@app/persistence';

export interface LarkOrigins {
  /** Hosts the authorize page. */
  accounts: string;
  /** Hosts the open API: token exchange and user_info. */
  open: string;
}

const PLATFORM_ORIGINS: Record<LarkPlatform, LarkOrigins> = {
  feishu: { accounts: 'https://accounts.feishu.cn', open: 'https://open.feishu.cn' },
  lark: { accounts: 'https://accounts.larksuite.com', open: 'https://open.larksuite.com' },
};

/** LARK_BASE_URL (the simulator) serves both roles; otherwise the IdP's platform decides. */
export function larkOrigins(platform: LarkPlatform, larkBaseUrl?: string): LarkOrigins {
  if (!larkBaseUrl) return PLATFORM_ORIGINS[platform];
  const origin = larkBaseUrl.replace(/\/+$/, '');
  return { accounts: origin, open: origin };
}

export interface AuthorizeRequest {
  appId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

export function authorizeUrl(origins: LarkOrigins, request: AuthorizeRequest): string {
  const url = new URL('/open-apis/authen/v1/authorize', origins.accounts);
  url.searchParams.set('client_id', request.appId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}
