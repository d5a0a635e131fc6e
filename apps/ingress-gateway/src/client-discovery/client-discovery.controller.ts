import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/platform';
import { clientLanguage } from '../client-language/client-language';
import { ClientDiscoveryService } from './client-discovery.service';

/**
 * The SASE client's first call, before anyone is signed in: public by decision (the identifier is what the
 * user has), limited per address so identifiers cannot be enumerated.
 */
@Public()
@Controller('api/enterprises')
export class ClientDiscoveryController {
  constructor(private readonly discovery: ClientDiscoveryService) {}

  @Get(':identifier/identity-sources')
  async identitySources(
    @Param('identifier') identifier: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const language = clientLanguage(acceptLanguage);
    const result = await this.discovery.identitySources(identifier, request.ip, language);
    void reply
      .status(result.status)
      .header('cache-control', 'no-store')
      .header('content-language', language)
      .header('vary', 'accept-language');
    if (result.status === 429) void reply.header('retry-after', String(result.retryAfter));
    await reply.header('content-type', 'application/json; charset=utf-8').send(result.body);
  }
}
