import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';

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
    const metrics = metricsOn(registry);
    this.received = metrics.counter('larksync_gateway_deliveries_received_total', 'Deliveries received');
    this.rejected = metrics.counter(
      'larksync_gateway_deliveries_rejected_total',
      'Deliveries refused, by reason',
      ['reason'],
    );
    this.published = metrics.counter(
      'larksync_gateway_events_published_total',
      'Events acknowledged by Kafka',
    );
    this.duplicates = metrics.counter(
      'larksync_gateway_events_duplicate_total',
      'Deliveries of an event already published',
    );
    this.ignored = metrics.counter(
      'larksync_gateway_events_ignored_total',
      'Events of types larksync does not handle',
      ['event_type'],
    );
    this.challenges = metrics.counter(
      'larksync_gateway_challenges_answered_total',
      'URL-verification challenges answered',
    );
    this.publishSeconds = metrics.histogram(
      'larksync_gateway_publish_seconds',
      'Time from publish to Kafka acknowledgement',
      [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }
}
