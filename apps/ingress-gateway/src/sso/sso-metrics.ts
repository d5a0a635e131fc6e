import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** Sign-in metrics on the app's registry. */
@Injectable()
export class SsoMetrics {
  readonly loginsStarted: Counter;
  readonly callbacks: Counter<'outcome'>;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.loginsStarted = new Counter({
      name: 'larksync_gateway_sso_logins_started_total',
      help: 'Browsers sent to Lark to sign in',
      registers,
    });
    this.callbacks = new Counter({
      name: 'larksync_gateway_sso_callbacks_total',
      help: 'OAuth callbacks, by outcome: session, or the refusal reason',
      labelNames: ['outcome'],
      registers,
    });
  }
}
