import { RateLimiter } from './rate-limiter';

export interface EndpointStats {
  requests: number;
  throttled: number;
  faulted: number;
  errors: number;
}

/** Request counts per endpoint, so a benchmark can compare its run time with the rate-limit floor. */
export class SimStats {
  private readonly byEndpoint = new Map<string, EndpointStats>();

  record(endpoint: string, outcome: 'ok' | 'throttled' | 'faulted' | 'error'): void {
    const stats = this.byEndpoint.get(endpoint) ?? { requests: 0, throttled: 0, faulted: 0, errors: 0 };
    stats.requests++;
    if (outcome === 'throttled') stats.throttled++;
    if (outcome === 'faulted') stats.faulted++;
    if (outcome === 'error') stats.errors++;
    this.byEndpoint.set(endpoint, stats);
  }

  snapshot(): Record<string, EndpointStats> {
    return Object.fromEntries([...this.byEndpoint].map(([endpoint, stats]) => [endpoint, { ...stats }]));
  }

  requests(endpoint: string): number {
    return this.byEndpoint.get(endpoint)?.requests ?? 0;
  }

  /** Shortest time the admitted requests could have taken under the limiter's current limits. */
  rateLimitFloorSeconds(limiter: RateLimiter): number {
    let floor = 0;
    for (const [endpoint, stats] of this.byEndpoint) {
      const limit = limiter.limitOf(endpoint);
      const admitted = stats.requests - stats.throttled;
      if (!limit || admitted === 0) continue;
      floor = Math.max(floor, fixedWindowFloorSeconds(admitted, limit));
    }
    return floor;
  }

  reset(): void {
    this.byEndpoint.clear();
  }
}

/**
 * When the last of `count` requests can be admitted under fixed 1 s and 60 s windows: whole minutes
 * of the per-minute cap, then the remainder at the per-second rate.
 */
export function fixedWindowFloorSeconds(
  count: number,
  limit: { perSecond?: number; perMinute?: number },
): number {
  const perSecond = limit.perSecond ?? Infinity;
  const perMinute = Math.min(limit.perMinute ?? Infinity, perSecond * 60);
  const minute = perMinute === Infinity ? 0 : Math.floor((count - 1) / perMinute);
  const within = count - 1 - minute * (perMinute === Infinity ? 0 : perMinute);
  return minute * 60 + (perSecond === Infinity ? 0 : Math.floor(within / perSecond));
}
