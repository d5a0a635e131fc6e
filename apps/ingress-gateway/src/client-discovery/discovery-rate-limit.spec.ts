import { DiscoveryRateLimit } from './discovery-rate-limit';

describe('DiscoveryRateLimit', () => {
  it('should let an address through its limit, then say when to come back, and keep others apart', async () => {
    const limit = new DiscoveryRateLimit(2);
    expect(await limit.retryAfter('10.0.0.1')).toBeNull();
    expect(await limit.retryAfter('10.0.0.1')).toBeNull();
    const wait = await limit.retryAfter('10.0.0.1');
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limit.retryAfter('10.0.0.2')).toBeNull();
  });
});
