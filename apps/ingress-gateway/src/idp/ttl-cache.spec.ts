import { TtlCache } from './ttl-cache';

function aClock() {
  let time = 1_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('TtlCache', () => {
  it('should serve a fresh entry without loading again', async () => {
    const clock = aClock();
    const cache = new TtlCache<string, number>(3000, 10, clock.now);
    const load = jest.fn().mockResolvedValue(1);
    await cache.get('a', load);
    clock.advance(2999);
    expect(await cache.get('a', load)).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('should reload once the entry expired, so configuration changes apply', async () => {
    const clock = aClock();
    const cache = new TtlCache<string, number>(3000, 10, clock.now);
    await cache.get('a', async () => 1);
    clock.advance(3000);
    expect(await cache.get('a', async () => 2)).toBe(2);
  });

  it('should share one load between concurrent callers', async () => {
    const cache = new TtlCache<string, number>(3000, 10);
    const load = jest
      .fn()
      .mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve(7), 5)));
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('should keep serving the stale value when a reload fails', async () => {
    const clock = aClock();
    const cache = new TtlCache<string, number>(3000, 10, clock.now);
    await cache.get('a', async () => 1);
    clock.advance(5000);
    expect(await cache.get('a', () => Promise.reject(new Error('db down')))).toBe(1);
  });

  it('should throw when a first load fails, and not cache the failure', async () => {
    const cache = new TtlCache<string, number>(3000, 10);
    await expect(cache.get('a', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('a', async () => 3)).toBe(3);
  });

  it('should evict the oldest entry beyond its bound', async () => {
    const cache = new TtlCache<string, number>(3000, 2);
    const load = jest.fn().mockImplementation(async (key: string) => key.length);
    for (const key of ['a', 'bb', 'ccc']) await cache.get(key, load);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
