import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';

/** Discovery metrics on the app's registry. */
@Injectable()
export class ClientDiscoveryMetrics {
  readonly lookups: Counter<'outcome'>;

  constructor(@Inject(Registry) registry: Registry) {
    this.lookups = metricsOn(registry).counter(
      'larksync_gateway_discovery_lookups_total',
      'Lookups of identity sources by enterprise identifier, by outcome: found, unknown or throttled',
      ['outcome'],
    );
  }
}
