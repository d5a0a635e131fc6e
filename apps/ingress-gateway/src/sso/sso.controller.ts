import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Public } from '@app/platform';
import { clientLanguage } from '../client-language/client-language';
import { CALLBACK_PATH, SsoReply, SsoService } from './sso.service';

/** A repeated query parameter is not a value we accept. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

async function send(reply: FastifyReply, result: SsoReply): Promise<void> {
  // Sessions and codes must not linger in caches or leak through the Referer of the next page.
  void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  if (result.setCookie) void reply.header('set-cookie', result.setCookie);
  if ('location' in result) {
    await reply.status(302).header('location', result.location).send();
    return;
  }
  await reply
    .status(result.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send(result.body);
}

/** The browser's entry (`/sso/:idpId/login`) and Lark's OAuth redirect URL (`/open-dev/feishu`). */
@Public()
@Controller()
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  /**
   * A web client passes `redirect`; a native client (RFC 8252) passes `redirect_uri`, `code_challenge`,
   * `code_challenge_method=S256`, `state` and optionally `ui_locales`, and gets a one-time code back.
   */
  @Get('sso/:idpId/login')
  async login(
    @Param('idpId') idpId: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const redirectUri = single(query.redirect_uri);
    const client = redirectUri
      ? {
          redirectUri,
          codeChallenge: single(query.code_challenge),
          codeChallengeMethod: single(query.code_challenge_method),
          state: single(query.state),
        }
      : undefined;
    const request = {
      redirect: single(query.redirect),
      enterprise: single(query.enterprise),
      client,
      language: clientLanguage(single(query.ui_locales) ?? acceptLanguage),
    };
    await send(reply, await this.sso.login(idpId, request));
  }

  @Get(CALLBACK_PATH.slice(1))
  async callback(
    @Query() query: Record<string, unknown>,
    @Headers('cookie') cookie: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await send(
      reply,
      await this.sso.callback({
        code: single(query.code),
        state: single(query.state),
        error: single(query.error),
        cookie,
      }),
    );
  }
}
