import { SimClock } from './sim-clock';

export interface RateLimit {
  perSecond?: number;
  perMinute?: number;
}

export type RateDecision = { isAllowed: true } | { isAllowed: false; limit: number; resetSeconds: number };

/** Lark tier 4 (1000/min and 50/s), which covers the contact reads and OAuth endpoints. */
export const TIER_4: RateLimit = { perSecond: 50, perMinute: 1000 };

export const DEFAULT_RATE_LIMITS: Record<string, RateLimit> = {
  'contact.department.children': TIER_4,
  'contact.department.batch': TIER_4,
  'contact.user.find_by_department': TIER_4,
  'contact.user.batch': TIER_4,
  'authen.authorize': TIER_4,
  'authen.oauth_token': TIER_4,
};

interface WindowCounter {
  window: number;
  count: number;
}

/**
 * Fixed one-second and one-minute windows per app and endpoint. `speedFactor` multiplies every
 * allowed rate so a benchmark keeps Lark's proportions while finishing sooner.
 */
export class RateLimiter {
  private readonly counters = new Map<string, WindowCounter>();

  constructor(
    private readonly clock: SimClock,
    public limits: Record<string, RateLimit> = { ...DEFAULT_RATE_LIMITS },
    public speedFactor = 1,
  ) {}

  limitOf(endpoint: string): RateLimit | undefined {
    const limit = this.limits[endpoint];
    if (!limit) return undefined;
    const scale = (rate?: number) =>
      rate === undefined ? undefined : Math.max(1, Math.floor(rate * this.speedFactor));
    return { perSecond: scale(limit.perSecond), perMinute: scale(limit.perMinute) };
  }

  check(appId: string, endpoint: string): RateDecision {
    const limit = this.limitOf(endpoint);
    if (!limit) return { isAllowed: true };
    const now = this.clock.now();
    const windows = [
      { size: 1000, cap: limit.perSecond },
      { size: 60_000, cap: limit.perMinute },
    ];
    for (const { size, cap } of windows) {
      if (cap === undefined) continue;
      const counter = this.counter(`${appId}|${endpoint}|${size}`, Math.floor(now / size));
      if (counter.count >= cap)
        return {
          isAllowed: false,
          limit: cap,
          resetSeconds: Math.max(1, Math.ceil(((counter.window + 1) * size - now) / 1000)),
        };
    }
    for (const { size, cap } of windows) {
      if (cap !== undefined) this.counter(`${appId}|${endpoint}|${size}`, Math.floor(now / size)).count++;
    }
    return { isAllowed: true };
  }

  reset(): void {
    this.counters.clear();
  }

  private counter(key: string, window: number): WindowCounter {
    let counter = this.counters.get(key);
    if (!counter || counter.window !== window) {
      counter = { window, count: 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }
}
