import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';

/** Sign-in metrics on the app's registry. */
@Injectable()
export class SsoMetrics {
  readonly loginsStarted: Counter;
  readonly callbacks: Counter<'outcome'>;
  readonly clientTokens: Counter<'outcome'>;

  constructor(@Inject(Registry) registry: Registry) {
    const metrics = metricsOn(registry);
    this.loginsStarted = metrics.counter(
      'larksync_gateway_sso_logins_started_total',
      'Browsers sent to Lark to sign in',
    );
    this.callbacks = metrics.counter(
      'larksync_gateway_sso_callbacks_total',
      'OAuth callbacks, by outcome: session, or the refusal reason',
      ['outcome'],
    );
    this.clientTokens = metrics.counter(
      'larksync_gateway_sso_client_tokens_total',
      "Redemptions of native clients' one-time codes, by outcome: session, or the refusal reason",
      ['outcome'],
    );
  }
}
