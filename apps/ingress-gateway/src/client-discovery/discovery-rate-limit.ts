import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Discovery lookups a minute per client address on one replica, so identifiers cannot be tried in bulk. */
export class DiscoveryRateLimit {
  private readonly perAddress: RateLimiterMemory;

  constructor(perAddressPerMinute: number) {
    this.perAddress = new RateLimiterMemory({ points: perAddressPerMinute, duration: 60 });
  }

  /** Null when the lookup may go on; otherwise the seconds to wait (Retry-After). */
  async retryAfter(address: string): Promise<number | null> {
    try {
      await this.perAddress.consume(address);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  }
}
