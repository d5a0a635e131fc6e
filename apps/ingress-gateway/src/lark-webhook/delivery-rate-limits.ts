import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface DeliveryRateLimitOptions {
  /** Deliveries a second one IdP's Request URL takes on one replica. */
  perIdpPerSecond: number;
  /** Deliveries a second one client address sends on one replica (Lark sends every tenant's from few addresses). */
  perAddressPerSecond: number;
}

/** Per-IdP and per-address limits on deliveries, before anything is parsed; a refusal says when to come back. */
export class DeliveryRateLimits {
  private readonly perIdp: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(options: DeliveryRateLimitOptions) {
    this.perIdp = new RateLimiterMemory({ points: options.perIdpPerSecond, duration: 1 });
    this.perAddress = new RateLimiterMemory({ points: options.perAddressPerSecond, duration: 1 });
  }

  /** Null when the delivery may go on; otherwise the seconds to wait (Retry-After). */
  async retryAfter(idpId: string, address: string): Promise<number | null> {
    try {
      await this.perAddress.consume(address);
      await this.perIdp.consume(idpId);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  }
}
