import { Inject, Injectable, OnModuleInit, RawBodyRequest } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGGER, Logger } from '@app/logging';
import { routeAccess } from '@app/platform';
import { DeliveryRateLimits } from './delivery-rate-limits';
import {
  EventIngestService,
  LARK_WEBHOOK_OPTIONS,
  LarkWebhookOptions,
  WebhookReply,
} from './event-ingest.service';
import { WebhookMetrics } from './webhook.metrics';

type DeliveryRequest = RawBodyRequest<FastifyRequest<{ Params: { idpId: string } }>>;

const EMPTY = Buffer.alloc(0);
const FAILED: WebhookReply = { status: 500, body: { error: 'internal_error', message: 'internal error' } };

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `POST /lark/events/:idpId`, the IdP's Request URL as given to Lark: a plain Fastify route, without Nest's
 * per-request pipeline and its two spans per request (the HTTP span stays the trace's root). Body limit,
 * raw body and errors raised before the route (413, not JSON) are the app's, as for every route.
 */
@Injectable()
export class LarkWebhookRoute implements OnModuleInit {
  private readonly limits: DeliveryRateLimits;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly ingest: EventIngestService,
    private readonly metrics: WebhookMetrics,
    @Inject(LARK_WEBHOOK_OPTIONS) options: LarkWebhookOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.limits = new DeliveryRateLimits(options.rateLimits);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Public by decision: Lark calls it without a credential of ours; the signature and Verification Token are checked.
    fastify.post<{ Params: { idpId: string } }>(
      '/lark/events/:idpId',
      { config: routeAccess('public') },
      (request, reply) => this.receive(request, reply),
    );
  }

  private async receive(request: DeliveryRequest, reply: FastifyReply): Promise<void> {
    const retryAfter = await this.limits.retryAfter(request.params.idpId, request.ip);
    if (retryAfter !== null) {
      this.metrics.received.inc();
      this.metrics.rejected.inc({ reason: 'rate_limited' });
      await reply
        .status(429)
        .header('retry-after', String(retryAfter))
        .send({ error: 'rate_limited', message: `too many deliveries; retry in ${retryAfter} s` });
      return;
    }
    const { status, body } = await this.ingest
      .receive(request.params.idpId, request.rawBody ?? EMPTY, {
        timestamp: header(request, 'x-lark-request-timestamp'),
        nonce: header(request, 'x-lark-request-nonce'),
        signature: header(request, 'x-lark-signature'),
      })
      .catch((error: unknown) => {
        this.logger.error({ idpId: request.params.idpId, err: error }, 'delivery failed');
        return FAILED;
      });
    await reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
