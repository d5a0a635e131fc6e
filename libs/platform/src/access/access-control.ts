import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  RouteOptions,
} from 'fastify';
import { parse as parseCookies } from 'cookie';
import { randomUUID } from 'node:crypto';
import { Counter, Registry } from 'prom-client';
import { metricsOn } from '../metrics';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { LOGGER, Logger } from '@app/logging';
import type { Actor } from '@app/persistence';
import {
  Authentication,
  AuthenticationFailure,
  FAILURE_MESSAGES,
  Principal,
  refusalOf,
} from './authentication';
import { CSRF_HEADER, csrfTokenMatches, SESSION_COOKIE } from './cookie-session';
import { ACCESS_OPTIONS, AccessOptions, CredentialVerifier } from './credential-verifier';
import { RouteAccess } from './roles';

/** Renders a refusal in a route's own error format (SCIM's, say); the default is Nest's JSON error. */
export type RefusalRenderer = (status: number, message: string) => { contentType: string; body: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    refusal?: RefusalRenderer;
  }
  interface FastifyRequest {
    /** Set on every request that authenticated. */
    actor: Actor | null;
    principal: Principal | null;
    /** How it authenticated: a bearer credential or the console's session cookie. */
    authenticatedBy: 'bearer' | 'session' | null;
  }
}

export interface ServedRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/** Failed authentications allowed per client address and minute; past them the address gets 429 for a minute. */
export const AUTH_FAILURES_PER_MINUTE = 10;

const BEARER = /^Bearer\s+(\S+)$/i;
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const ERRORS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

type Refuse = (status: number, message: string, retryAfterS?: number) => void;
const MISSING: Authentication = { ok: false, reason: 'missing' };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const jsonRefusal: RefusalRenderer = (status, message) => ({
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ statusCode: status, error: ERRORS[status], message }),
});

/**
 * Every route of the app declares its access (`@RequiresRole`, `@Public`, or `config.access` on a plain
 * Fastify route); one onRequest hook enforces it for all of them. A route that declares nothing is refused
 * (500), never served open. Failed authentications are rate-limited per client address.
 */
@Injectable()
export class AccessControl {
  private readonly routes: ServedRoute[] = [];
  private readonly publicRoutes: string[];
  private readonly failuresByAddress = new RateLimiterMemory({
    points: AUTH_FAILURES_PER_MINUTE,
    duration: 60,
    blockDuration: 60,
  });
  private readonly failures: Counter<'reason'>;
  private readonly sessionKey?: Buffer;

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly verifier: CredentialVerifier,
    @Inject(ACCESS_OPTIONS) options: AccessOptions,
    registry: Registry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.publicRoutes = options.publicRoutes ?? [];
    this.sessionKey = options.sessionKey;
    const metrics = metricsOn(registry);
    this.failures = metrics.counter(
      'larksync_auth_failures_total',
      'Requests refused for a missing, unknown, wrong, revoked or expired credential, or rate-limited',
      ['reason'],
    );
    // Before any route is added: at once under NestFactory.create, at createNestApplication for a testing module.
    // An application context (the projector's rebuild CLI) has no HTTP server and never gets here.
    adapterHost.init$.subscribe(() => this.install(adapterHost.httpAdapter.getInstance<FastifyInstance>()));
  }

  private install(fastify: FastifyInstance): void {
    fastify.decorateRequest('actor', null);
    fastify.decorateRequest('principal', null);
    fastify.decorateRequest('authenticatedBy', null);
    fastify.addHook('onRoute', (route) => this.declare(route));
    fastify.addHook('onRequest', (request, reply, done) => this.check(request, reply, done));
  }

  /** Every route the app serves, with the access it declared. */
  servedRoutes(): readonly ServedRoute[] {
    return this.routes;
  }

  private declare(route: RouteOptions): void {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (
      route.config?.access === undefined &&
      methods.every((method) => this.isPublicByOption(method, route.url))
    )
      route.config = { ...route.config, access: 'public' };
    for (const method of methods) this.routes.push({ method, url: route.url, access: route.config?.access });
  }

  private isPublicByOption(method: string, url: string): boolean {
    return this.publicRoutes.some((declared) => {
      const [declaredMethod, path] = declared.split(' ');
      if (declaredMethod !== method && !(declaredMethod === 'GET' && method === 'HEAD')) return false;
      return path.endsWith('*') ? url.startsWith(path.slice(0, -1)) : url === path;
    });
  }

  private check(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    if (request.is404) return done();
    const { access, refusal = jsonRefusal } = request.routeOptions.config;
    if (access === 'public') return done();
    const refuse: Refuse = (status, message, retryAfterS) => {
      const { contentType, body } = refusal(status, message);
      if (retryAfterS !== undefined) void reply.header('retry-after', String(retryAfterS));
      void reply.status(status).header('content-type', contentType).send(body);
    };
    if (access === undefined)
      return refuse(500, 'this route declares no access; it is refused until it does');
    const secret = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const session = secret ? undefined : this.sessionCookieOf(request);
    const cached = secret ? this.verifier.verifyCached(secret) : session ? undefined : MISSING;
    const verify = async () =>
      secret ? this.verifier.verify(secret) : this.verifier.verifySession(session!);
    const decide = (result: Authentication) => {
      if (!result.ok) return this.failed(request.ip, result.reason, refuse);
      if (session && !SAFE_METHODS.has(request.method) && !this.csrfTokenPresented(request, session))
        return refuse(403, `a change made with a console session needs its CSRF token (${CSRF_HEADER})`);
      const refused = refusalOf(result.principal, access, (request.params as { idpId?: string }).idpId);
      if (refused) return refuse(403, refused);
      request.actor = actorOf(request, result.principal);
      request.principal = result.principal;
      request.authenticatedBy = session ? 'session' : 'bearer';
      // The id its audit records carry, so the caller can find them.
      void reply.header('x-request-id', request.actor.requestId);
      done();
    };
    // A secret verified from the cache is served in this tick; anything else first checks the address is not
    // blocked, so a blocked address learns nothing and costs no database read.
    if (cached?.ok) return decide(cached);
    this.failuresByAddress
      .get(request.ip)
      .then(async (record) => {
        if (record && record.consumedPoints > AUTH_FAILURES_PER_MINUTE) return this.limited(record, refuse);
        decide(cached ?? (await verify()));
      })
      .catch((error: Error) => {
        this.logger.warn({ err: error }, 'credential not verified');
        refuse(503, 'the credential could not be verified now; try again');
      });
  }

  private sessionCookieOf(request: FastifyRequest): string | undefined {
    if (!this.sessionKey || !request.headers.cookie) return undefined;
    return parseCookies(request.headers.cookie)[SESSION_COOKIE] || undefined;
  }

  private csrfTokenPresented(request: FastifyRequest, session: string): boolean {
    const token = request.headers[CSRF_HEADER];
    return csrfTokenMatches(this.sessionKey!, session, typeof token === 'string' ? token : undefined);
  }

  private failed(address: string, reason: AuthenticationFailure, refuse: Refuse): void {
    this.failures.inc({ reason });
    this.failuresByAddress.consume(address).then(
      () => refuse(401, FAILURE_MESSAGES[reason]),
      (record: RateLimiterRes) => this.limited(record, refuse),
    );
  }

  private limited(record: RateLimiterRes, refuse: Refuse): void {
    this.failures.inc({ reason: 'rate_limited' });
    const retryAfterS = Math.max(1, Math.ceil(record.msBeforeNext / 1000));
    refuse(429, `too many failed authentications from this address; retry in ${retryAfterS} s`, retryAfterS);
  }
}

function actorOf(request: FastifyRequest, principal: Principal): Actor {
  const requestId = request.headers['x-request-id'];
  return {
    credentialId: principal.id,
    credentialName: principal.name,
    address: request.ip,
    requestId: typeof requestId === 'string' && REQUEST_ID.test(requestId) ? requestId : randomUUID(),
    traceId: trace.getActiveSpan()?.spanContext().traceId ?? null,
  };
}
