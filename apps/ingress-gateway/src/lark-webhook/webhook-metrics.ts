import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, on the app's registry. */
@Injectable()
export class WebhookMetrics {
  readonly received: Counter;
  readonly rejected: Counter<'reason'>;
  readonly published: Counter;
  readonly duplicates: Counter;
  readonly ignored: Counter<'event_type'>;
  readonly challenges: Counter;
  readonly publishSeconds: Histogram;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.received = new Counter({
      name: 'larksync_gateway_deliveries_received_total',
      help: 'Deliveries received',
      registers,
    });
    this.rejected = new Counter({
      name: 'larksync_gateway_deliveries_rejected_total',
      help: 'Deliveries refused, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.published = new Counter({
      name: 'larksync_gateway_events_published_total',
      help: 'Events acknowledged by Kafka',
      registers,
    });
    this.duplicates = new Counter({
      name: 'larksync_gateway_events_duplicate_total',
      help: 'Deliveries of an event already published',
      registers,
    });
    this.ignored = new Counter({
      name: 'larksync_gateway_events_ignored_total',
      help: 'Events of types larksync does not handle',
      labelNames: ['event_type'],
      registers,
    });
    this.challenges = new Counter({
      name: 'larksync_gateway_challenges_answered_total',
      help: 'URL-verification challenges answered',
      registers,
    });
    this.publishSeconds = new Histogram({
      name: 'larksync_gateway_publish_seconds',
      help: 'Time from publish to Kafka acknowledgement',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }
}
