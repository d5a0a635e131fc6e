import { Inject, Injectable } from '@nestjs/common';
import { entityKey, isFromTheFuture, LarkEventEnvelope, MessageHeaders } from '@app/contracts';
import { MessagePublisher } from '@app/kafka';
import { eventEntityId, normaliseEvent, LarkWebhookEvent } from '@app/lark';
import { LOGGER, Logger } from '@app/logging';
import { IdpLookupService, IdpView } from '../idp/idp-lookup.service';
import { openDelivery, SignatureHeaders } from './open-delivery';
import { DeliveryRateLimitOptions } from './delivery-rate-limits';
import { RecentEventIds } from './recent-event-ids';
import { WebhookMetrics } from './webhook.metrics';
import { rejections, WebhookRejection } from './webhook-rejection';

export interface LarkWebhookOptions {
  eventsTopic: string;
  /** Lark waits 3 s; past this, answer 503 so it retries. */
  publishTimeoutMs: number;
  recentEventCapacity: number;
  /** The oldest signed timestamp accepted (default: Lark's retry schedule plus skew). */
  maxDeliveryAgeMs?: number;
  /** Deliveries a second per IdP and per client address, on each replica. */
  rateLimits: DeliveryRateLimitOptions;
}

export const LARK_WEBHOOK_OPTIONS = Symbol('LARK_WEBHOOK_OPTIONS');

export interface WebhookReply {
  status: number;
  body: Record<string, unknown>;
}

const SUCCESS: WebhookReply = { status: 200, body: { msg: 'success' } };

/** One delivery in: verify and open it, then publish it and answer 200 only once Kafka has it. */
@Injectable()
export class EventIngestService {
  private readonly recent: RecentEventIds;
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly idps: IdpLookupService,
    private readonly publisher: MessagePublisher,
    private readonly metrics: WebhookMetrics,
    @Inject(LARK_WEBHOOK_OPTIONS) private readonly options: LarkWebhookOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.recent = new RecentEventIds(options.recentEventCapacity);
  }

  async receive(idpId: string, rawBody: Buffer, headers: SignatureHeaders): Promise<WebhookReply> {
    this.metrics.received.inc();
    try {
      const idp = await this.acceptingIdp(idpId);
      const opened = openDelivery(rawBody, headers, idp, {
        now: Date.now(),
        maxAgeMs: this.options.maxDeliveryAgeMs,
      });
      if (opened.kind === 'event') return await this.ingest(idp.id, opened.event);
      this.metrics.challenges.inc();
      return { status: 200, body: { challenge: opened.challenge } };
    } catch (error) {
      if (!(error instanceof WebhookRejection)) throw error;
      this.metrics.rejected.inc({ reason: error.code });
      this.logger.warn({ idpId, reason: error.code, status: error.status }, 'delivery rejected');
      return { status: error.status, body: { error: error.code, message: error.message } };
    }
  }

  private async acceptingIdp(idpId: string): Promise<IdpView> {
    const idp = await this.idps.find(idpId).catch((error: unknown) => {
      this.logger.error({ idpId, err: error }, 'IdP lookup failed');
      throw rejections.lookupFailed();
    });
    if (!idp) throw rejections.unknownIdp();
    if (idp.status !== 'enabled') throw rejections.idpClosed();
    return idp;
  }

  private async ingest(idpId: string, event: LarkWebhookEvent): Promise<WebhookReply> {
    if (isFromTheFuture(event.createTime, Date.now())) throw rejections.futureCreateTime();
    const envelope = normaliseEvent(idpId, event, new Date());
    const log = { idpId, eventId: event.eventId, eventType: event.eventType };
    if (!envelope) {
      this.metrics.ignored.inc({ event_type: event.eventType });
      this.logger.info(log, 'event type not handled: acknowledged, not published');
      return SUCCESS;
    }
    const outcome = await this.publishOnce(envelope);
    if (outcome === 'duplicate') {
      this.metrics.duplicates.inc();
      this.logger.info(log, 'duplicate delivery: already published');
    }
    return SUCCESS;
  }

  /** A retry of an event already published, or still being published, is not published again. */
  private async publishOnce(envelope: LarkEventEnvelope): Promise<'published' | 'duplicate'> {
    const dedupeKey = `${envelope.idpId}/${envelope.eventId}`;
    if (this.recent.has(dedupeKey)) return 'duplicate';
    const pending = this.inFlight.get(dedupeKey);
    await this.withinDeadline(pending ?? this.startPublish(dedupeKey, envelope), envelope);
    return pending ? 'duplicate' : 'published';
  }

  private startPublish(dedupeKey: string, envelope: LarkEventEnvelope): Promise<void> {
    const key = entityKey(envelope.idpId, eventEntityId(envelope));
    const headers = {
      [MessageHeaders.eventType]: envelope.eventType,
      [MessageHeaders.idpId]: envelope.idpId,
    };
    const stopTimer = this.metrics.publishSeconds.startTimer();
    const publishing = this.publisher
      .publish(this.options.eventsTopic, [{ key, value: JSON.stringify(envelope), headers }])
      // Also when the caller already gave up: a late success still stops Lark's retry from republishing.
      .then(() => {
        stopTimer();
        this.recent.add(dedupeKey);
        this.metrics.published.inc();
        this.logger.debug(
          { idpId: envelope.idpId, eventId: envelope.eventId, eventType: envelope.eventType, key },
          'event published',
        );
      })
      .finally(() => this.inFlight.delete(dedupeKey));
    this.inFlight.set(dedupeKey, publishing);
    return publishing;
  }

  private async withinDeadline(publishing: Promise<void>, envelope: LarkEventEnvelope): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.publishTimeoutMs)),
    );
    try {
      const result = await Promise.race([publishing, deadline]);
      if (result === 'timeout') throw rejections.kafkaUnavailable();
    } catch (error) {
      const reason = error instanceof WebhookRejection ? 'timeout' : (error as Error).message;
      this.logger.warn(
        { idpId: envelope.idpId, eventId: envelope.eventId, eventType: envelope.eventType, reason },
        'publish failed',
      );
      throw rejections.kafkaUnavailable();
    } finally {
      clearTimeout(timer);
    }
  }
}
