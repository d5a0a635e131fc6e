import { SimClock } from './sim-clock';
import { TenantTokenRegistry } from './tenant-tokens';

const MINUTE = 60_000;

describe('TenantTokenRegistry', () => {
  it('should issue a token valid for two hours', () => {
    const clock = new SimClock(1_718_000_000_000);
    const tokens = new TenantTokenRegistry(clock);
    const issued = tokens.issue('cli_a');
    expect(issued).toEqual({ token: expect.stringMatching(/^t-/), expireSeconds: 7200 });
    clock.advance(119 * MINUTE);
    expect(tokens.resolve(issued.token)).toBe('cli_a');
    clock.advance(MINUTE);
    expect(tokens.resolve(issued.token)).toBeUndefined();
  });

  it.each([
    [0, true, 7200],
    [89, true, 31 * 60],
    [90, true, 30 * 60],
    [91, false, 7200],
  ])('after %i minutes should return the same token: %p (expire %i s)', (minutes, isSame, expireSeconds) => {
    const clock = new SimClock(1_718_000_000_000);
    const tokens = new TenantTokenRegistry(clock);
    const first = tokens.issue('cli_a');
    clock.advance(minutes * MINUTE);
    const second = tokens.issue('cli_a');
    expect(second.token === first.token).toBe(isSame);
    expect(second.expireSeconds).toBe(expireSeconds);
  });

  it('should keep the old token valid until its own expiry after a renewal', () => {
    const clock = new SimClock(1_718_000_000_000);
    const tokens = new TenantTokenRegistry(clock);
    const first = tokens.issue('cli_a');
    clock.advance(100 * MINUTE);
    const second = tokens.issue('cli_a');
    expect(tokens.resolve(first.token)).toBe('cli_a');
    expect(tokens.resolve(second.token)).toBe('cli_a');
  });

  it('should invalidate revoked tokens and issue a fresh one afterwards', () => {
    const tokens = new TenantTokenRegistry(new SimClock(1_718_000_000_000));
    const first = tokens.issue('cli_a');
    const other = tokens.issue('cli_b');
    tokens.revokeAll('cli_a');
    expect(tokens.resolve(first.token)).toBeUndefined();
    expect(tokens.resolve(other.token)).toBe('cli_b');
    expect(tokens.issue('cli_a').token).not.toBe(first.token);
  });
});
