import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Public } from '@app/platform';
import { clientLanguage } from '../client-language/client-language';
import { ClientTokenService } from './client-token.service';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * `POST /sso/token`, form-encoded or JSON: a native SASE client redeems its one-time code with its PKCE
 * verifier. Public by decision: the code and the verifier are the client's proof, it holds no credential of ours.
 */
@Public()
@Controller()
export class ClientTokenController {
  constructor(private readonly tokens: ClientTokenService) {}

  @Post('sso/token')
  async token(
    @Body() body: Record<string, unknown> | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const language = clientLanguage(acceptLanguage);
    const result = await this.tokens.redeem(
      {
        grantType: text(body?.grant_type),
        code: text(body?.code),
        codeVerifier: text(body?.code_verifier),
        redirectUri: text(body?.redirect_uri),
      },
      language,
    );
    await reply
      .status(result.status)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .header('content-language', language)
      .header('content-type', 'application/json; charset=utf-8')
      .send(result.body);
  }
}
