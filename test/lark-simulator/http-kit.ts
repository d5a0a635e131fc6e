import { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  params: Record<string, string>;
  /** Route key used by rate limits, faults and stats, e.g. `contact.user.find_by_department`. */
  endpoint: string;
}

export interface SimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set for non-JSON bodies (HTML pages, redirects). */
  contentType?: string;
}

export type RouteHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string;
  pattern: string;
  endpoint: string;
  handler: RouteHandler;
}

interface CompiledRoute extends Route {
  segments: string[];
}

/** Matches `/a/:id/b` patterns; the first registered route wins, so register literals before params. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ ...route, segments: route.pattern.split('/') });
    return this;
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    const segments = path.split('/');
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params = matchSegments(route.segments, segments);
      if (params) return { route, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      if (actual[i] === '') return undefined;
      params[pattern[i].slice(1)] = decodeURIComponent(actual[i]);
    } else if (pattern[i] !== actual[i]) {
      return undefined;
    }
  }
  return params;
}

export function larkOk(data: unknown): SimResponse {
  return { status: 200, body: { code: 0, msg: 'success', data } };
}

export function larkError(
  status: number,
  code: number,
  msg: string,
  extra: Record<string, unknown> = {},
): SimResponse {
  return { status, body: { code, msg, ...extra } };
}

export function jsonResponse(status: number, body: unknown): SimResponse {
  return { status, body };
}

export function parseJsonBody(request: SimRequest): Record<string, unknown> | undefined {
  if (request.rawBody.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(request.rawBody);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function bearerToken(request: SimRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
  return match?.[1];
}
