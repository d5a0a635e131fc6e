import { fixedWindowFloorSeconds } from './sim-stats';
import { RateLimiter, TIER_4 } from './rate-limiter';
import { SimClock } from './sim-clock';
import { SimStats } from './sim-stats';

function limiterAtSecondStart(speedFactor = 1) {
  const clock = new SimClock(1_718_000_000_000);
  clock.advance(1000 - (clock.now() % 60_000)); // start of a fresh minute (+1 s) so both windows are aligned
  return { clock, limiter: new RateLimiter(clock, { reads: TIER_4 }, speedFactor) };
}

describe('RateLimiter', () => {
  it('should admit 50 requests in a second and refuse the 51st with the cap and reset', () => {
    const { limiter } = limiterAtSecondStart();
    for (let i = 0; i < 50; i++) expect(limiter.check('cli_a', 'reads').isAllowed).toBe(true);
    expect(limiter.check('cli_a', 'reads')).toEqual({ isAllowed: false, limit: 50, resetSeconds: 1 });
  });

  it('should count apps and endpoints separately and ignore endpoints without a limit', () => {
    const { limiter } = limiterAtSecondStart();
    for (let i = 0; i < 50; i++) limiter.check('cli_a', 'reads');
    expect(limiter.check('cli_b', 'reads').isAllowed).toBe(true);
    expect(limiter.check('cli_a', 'unlimited').isAllowed).toBe(true);
  });

  it('should enforce 1000 per minute across seconds and report seconds to the next minute', () => {
    const { clock, limiter } = limiterAtSecondStart();
    for (let second = 0; second < 20; second++) {
      for (let i = 0; i < 50; i++) expect(limiter.check('cli_a', 'reads').isAllowed).toBe(true);
      clock.advance(1000);
    }
    expect(limiter.check('cli_a', 'reads')).toEqual({ isAllowed: false, limit: 1000, resetSeconds: 39 });
  });

  it.each([
    [1, 50, 1000],
    [10, 500, 10_000],
    [0.1, 5, 100],
  ])('should scale limits by speed factor %p', (speedFactor, perSecond, perMinute) => {
    const { limiter } = limiterAtSecondStart(speedFactor);
    expect(limiter.limitOf('reads')).toEqual({ perSecond, perMinute });
  });

  it('should compute the rate-limit floor from admitted requests', () => {
    const { limiter } = limiterAtSecondStart();
    const stats = new SimStats();
    for (let i = 0; i < 500; i++) stats.record('reads', 'ok');
    stats.record('reads', 'throttled');
    // 500 at 50/s: the last one goes out in the tenth one-second window, which opens at 9 s.
    expect(stats.rateLimitFloorSeconds(limiter)).toBe(9);
    expect(stats.snapshot().reads).toEqual({ requests: 501, throttled: 1, faulted: 0, errors: 0 });
  });
});

describe('fixedWindowFloorSeconds', () => {
  it.each([
    [1, { perSecond: 50, perMinute: 1000 }, 0],
    [50, { perSecond: 50, perMinute: 1000 }, 0],
    [51, { perSecond: 50, perMinute: 1000 }, 1],
    [1000, { perSecond: 50, perMinute: 1000 }, 19],
    [1001, { perSecond: 50, perMinute: 1000 }, 60],
    [5903, { perSecond: 150, perMinute: 3000 }, 79],
    [100, { perSecond: 10 }, 9],
  ])('should admit request %i under %p at %i s at the earliest', (count, limit, seconds) => {
    expect(fixedWindowFloorSeconds(count, limit)).toBe(seconds);
  });
});
