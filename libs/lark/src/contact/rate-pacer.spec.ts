import { EndpointPacer } from './rate-pacer';
import { FakeClock } from './testing/fake-lark';

function grantTimes(pacer: EndpointPacer, clock: FakeClock, count: number): Promise<number[]> {
  return Promise.all(Array.from({ length: count }, () => pacer.acquire().then(() => clock.now())));
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  return Math.max(
    ...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length),
  );
}

describe('EndpointPacer', () => {
  it.each([
    [{ perSecond: 50 }, 1000, 50, 180],
    [{ perSecond: 50, perMinute: 1000 }, 60_000, 1000, 2500],
  ])('should never grant more than the limit %p in any window', async (spec, windowMs, limit, requests) => {
    const clock = new FakeClock();
    const times = await grantTimes(new EndpointPacer(spec, clock, 0), clock, requests);
    expect(maxInAnyWindow(times, windowMs)).toBe(limit);
  });

  it('should sustain the per-minute rate: 2 500 requests at 1 000/min finish within the third minute', async () => {
    const clock = new FakeClock();
    const startedAt = clock.now();
    const times = await grantTimes(
      new EndpointPacer({ perSecond: 50, perMinute: 1000 }, clock, 0),
      clock,
      2500,
    );
    expect(Math.max(...times) - startedAt).toBeLessThan(2 * 60_000 + 11_000);
  });

  it('should hold every caller back until a 429 reset has passed', async () => {
    const clock = new FakeClock();
    const pacer = new EndpointPacer({ perSecond: 50 }, clock, 0);
    const startedAt = clock.now();
    pacer.pause(4);
    const [granted] = await grantTimes(pacer, clock, 1);
    expect(granted - startedAt).toBe(4000);
  });
});
