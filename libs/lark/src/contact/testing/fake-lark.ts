import { LarkHttpRequest, LarkHttpResponse, LarkTransport } from '../lark-transport';
import { Clock } from '../rate-pacer';

/** A clock whose sleeps pass instantly but advance `now`. */
export class FakeClock implements Clock {
  current = 1_700_000_000_000;
  slept: number[] = [];

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.current += ms;
  }
}

export type FakeRoute = (request: LarkHttpRequest, url: URL) => LarkHttpResponse | Promise<LarkHttpResponse>;

export function larkAnswer(
  data: unknown,
  status = 200,
  headers: Record<string, string> = {},
): LarkHttpResponse {
  return { status, headers, body: { code: 0, msg: 'success', data } };
}

export function larkFailure(
  code: number,
  status: number,
  msg = 'failed',
  headers: Record<string, string> = {},
  extra: object = {},
): LarkHttpResponse {
  return { status, headers, body: { code, msg, ...extra } };
}

/** Answers the token endpoint and routes everything else by path; records every request. */
export function fakeLark(
  route: FakeRoute,
  tokenLifetimeSeconds = 7200,
): { transport: LarkTransport; requests: URL[]; tokensIssued: () => number } {
  const requests: URL[] = [];
  let issued = 0;
  const transport: LarkTransport = async (request) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/tenant_access_token/internal')) {
      issued++;
      return {
        status: 200,
        headers: {},
        body: { code: 0, msg: 'ok', tenant_access_token: `t-${issued}`, expire: tokenLifetimeSeconds },
      };
    }
    requests.push(url);
    return route(request, url);
  };
  return { transport, requests, tokensIssued: () => issued };
}
