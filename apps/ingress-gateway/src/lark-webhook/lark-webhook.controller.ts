import { Controller, Param, Post, RawBodyRequest, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EventIngestService } from './event-ingest.service';

const EMPTY = Buffer.alloc(0);

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The IdP's Request URL, as given to Lark. Plain on purpose: no pipes, the hot path is the service. */
@Controller('lark/events')
export class LarkWebhookController {
  constructor(private readonly ingest: EventIngestService) {}

  @Post(':idpId')
  async receive(
    @Param('idpId') idpId: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { status, body } = await this.ingest.receive(idpId, request.rawBody ?? EMPTY, {
      timestamp: header(request, 'x-lark-request-timestamp'),
      nonce: header(request, 'x-lark-request-nonce'),
      signature: header(request, 'x-lark-signature'),
    });
    await reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
