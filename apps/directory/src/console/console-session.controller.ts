import {
  BadRequestException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  csrfTokenOf,
  issueSession,
  Principal,
  RequiresRole,
  secretSha256,
  SESSION_COOKIE,
  SESSION_LIFETIME_S,
} from '@app/platform';
import { CONSOLE_SESSION_KEY } from './console.options';

interface SessionView {
  credential: Pick<Principal, 'id' | 'name' | 'role' | 'idpIds'>;
  /** Send it back in X-CSRF-Token on every change made with the session; null for a bearer caller. */
  csrfToken: string | null;
}

/**
 * The console's sign-in: the admin presents an API credential once (Authorization: Bearer, verified by the
 * access hook like any call) and gets an HttpOnly, SameSite=Strict session cookie in return. The session acts
 * as that credential: its role, its IdP limits, its expiry and revocation.
 */
@ApiTags('console')
@Controller('api/session')
export class ConsoleSessionController {
  constructor(@Inject(CONSOLE_SESSION_KEY) private readonly key: Buffer) {}

  @Post()
  @HttpCode(200)
  @RequiresRole('viewer')
  @ApiOkResponse({ description: 'the session cookie is set; the body holds its CSRF token' })
  signIn(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): SessionView {
    if (request.authenticatedBy !== 'bearer')
      throw new BadRequestException('sign in with a credential (Authorization: Bearer lsk_…)');
    const secret = request.headers.authorization!.replace(/^Bearer\s+/i, '');
    const principal = request.principal!;
    const { cookie } = issueSession(this.key, principal.id, secretSha256(secret), Date.now());
    void reply.header('set-cookie', sessionCookie(request, cookie, SESSION_LIFETIME_S));
    return viewOf(principal, csrfTokenOf(this.key, cookie));
  }

  @Get()
  @RequiresRole('viewer')
  current(@Req() request: FastifyRequest): SessionView {
    const cookie = request.authenticatedBy === 'session' ? sessionOf(request) : undefined;
    return viewOf(request.principal!, cookie ? csrfTokenOf(this.key, cookie) : null);
  }

  @Delete()
  @HttpCode(204)
  @RequiresRole('viewer')
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', sessionCookie(request, '', 0));
  }
}

function viewOf({ id, name, role, idpIds }: Principal, csrfToken: string | null): SessionView {
  return { credential: { id, name, role, idpIds }, csrfToken };
}

function sessionOf(request: FastifyRequest): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(request.headers.cookie ?? '');
  return match?.[1];
}

function sessionCookie(request: FastifyRequest, value: string, maxAgeS: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: maxAgeS,
  });
}
