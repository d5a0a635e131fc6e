import { DeliveryRateLimits } from './delivery-rate-limits';

describe('DeliveryRateLimits', () => {
  it("limits one IdP's deliveries without slowing another's", async () => {
    const limits = new DeliveryRateLimits({ perIdpPerSecond: 3, perAddressPerSecond: 100 });
    const verdicts = [];
    for (let i = 0; i < 4; i += 1) verdicts.push(await limits.retryAfter('idp-busy', '203.0.113.7'));
    expect(verdicts).toEqual([null, null, null, 1]);
    expect(await limits.retryAfter('idp-quiet', '203.0.113.7')).toBeNull();
  });

  it('limits one address across every IdP it posts to', async () => {
    const limits = new DeliveryRateLimits({ perIdpPerSecond: 100, perAddressPerSecond: 2 });
    expect(await limits.retryAfter('idp-1', '198.51.100.9')).toBeNull();
    expect(await limits.retryAfter('idp-2', '198.51.100.9')).toBeNull();
    expect(await limits.retryAfter('idp-3', '198.51.100.9')).toBe(1);
    expect(await limits.retryAfter('idp-3', '198.51.100.10')).toBeNull();
  });
});
