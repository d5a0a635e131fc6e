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
      const bySecond = limit.perSecond ? admitted / limit.perSecond : 0;
      const byMinute = limit.perMinute ? Math.floor((admitted - 1) / limit.perMinute) * 60 : 0;
      floor = Math.max(floor, bySecond, byMinute);
    }
    return floor;
  }

  reset(): void {
    this.byEndpoint.clear();
  }
}
