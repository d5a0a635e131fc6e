export interface RateLimitSpec {
  perSecond?: number;
  perMinute?: number;
}

/** Lark's tier 4, which covers every contact read the sync makes. */
export const DEFAULT_CONTACT_RATE: RateLimitSpec = { perSecond: 50, perMinute: 1000 };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * At most `limit` grants in any `windowMs`: a token bucket whose tokens come back one window after
 * they were spent. Lark counts in fixed windows; any fixed window is one of the sliding ones, so this
 * never exceeds Lark's count, while a refill-rate bucket would either overshoot a window or idle ~10 %.
 */
class SlidingWindow {
  private readonly grants: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until a grant is possible (0 = now). */
  waitMs(now: number): number {
    while (this.head < this.grants.length && this.grants[this.head] <= now - this.windowMs) this.head++;
    if (this.head > 4096) {
      this.grants.splice(0, this.head);
      this.head = 0;
    }
    const inWindow = this.grants.length - this.head;
    return inWindow < this.limit ? 0 : this.grants[this.head] + this.windowMs - now;
  }

  take(now: number): void {
    this.grants.push(now);
  }
}

/** Paces one endpoint of one app: sliding windows for the per-second and per-minute limits, plus 429 pauses. */
export class EndpointPacer {
  private readonly windows: SlidingWindow[];
  private pausedUntil = 0;
  private chain: Promise<void> = Promise.resolve();

  /** `marginMs` widens each window so requests delayed in flight still land in Lark's window. */
  constructor(
    spec: RateLimitSpec,
    private readonly clock: Clock = systemClock,
    marginMs = 50,
  ) {
    this.windows = [];
    if (spec.perSecond) this.windows.push(new SlidingWindow(spec.perSecond, 1000 + marginMs));
    if (spec.perMinute) this.windows.push(new SlidingWindow(spec.perMinute, 60_000 + marginMs * 10));
  }

  /** Resolves when the caller may send; returns how long it waited. Callers are served in order. */
  acquire(): Promise<number> {
    const turn = this.chain.then(() => this.waitForSlot());
    this.chain = turn.then(() => undefined);
    return turn;
  }

  /** Lark said 429: nobody sends on this endpoint until `reset` seconds have passed. */
  pause(resetSeconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + resetSeconds * 1000);
  }

  private async waitForSlot(): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(this.pausedUntil - now, ...this.windows.map((window) => window.waitMs(now)));
      if (wait <= 0) {
        this.windows.forEach((window) => window.take(now));
        return waited;
      }
      waited += wait;
      await this.clock.sleep(wait);
    }
  }
}

/** One pacer per endpoint; share an instance per Lark app, since Lark limits per app and tenant. */
export class RatePacer {
  private readonly pacers = new Map<string, EndpointPacer>();

  constructor(
    private readonly limits: Record<string, RateLimitSpec> = {},
    private readonly defaultLimit: RateLimitSpec = DEFAULT_CONTACT_RATE,
    private readonly clock: Clock = systemClock,
  ) {}

  for(endpoint: string): EndpointPacer {
    let pacer = this.pacers.get(endpoint);
    if (!pacer) {
      pacer = new EndpointPacer(this.limits[endpoint] ?? this.defaultLimit, this.clock);
      this.pacers.set(endpoint, pacer);
    }
    return pacer;
  }
}
