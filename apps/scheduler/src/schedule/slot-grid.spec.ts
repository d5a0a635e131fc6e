import {
  backoffFactor,
  cycleMs,
  firstSlotAtOrAfter,
  HOUR_MS,
  latestSlotStart,
  scheduledCommandId,
  slotOffsetMs,
} from './slot-grid';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const idpIds = Array.from({ length: 400 }, (_, index) => `idp-${index}`);

describe('slot grid', () => {
  it.each([1, 5, 24])('should give a stable offset in whole seconds within a %ih cycle', (hours) => {
    for (const idpId of idpIds.slice(0, 50)) {
      const offset = slotOffsetMs(idpId, hours * HOUR_MS);
      expect(offset).toBe(slotOffsetMs(idpId, hours * HOUR_MS));
      expect(offset % 1000).toBe(0);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(hours * HOUR_MS);
    }
  });

  it('should spread IdPs of one cycle over all of it', () => {
    const quarters = [0, 0, 0, 0];
    for (const idpId of idpIds) quarters[Math.floor(slotOffsetMs(idpId, HOUR_MS) / (HOUR_MS / 4))] += 1;
    for (const count of quarters) expect(count).toBeGreaterThan(60);
  });

  it.each([
    [1, 0],
    [1, 59 * 60_000],
    [6, 5 * HOUR_MS + 1],
    [24, 23 * HOUR_MS],
    [24, -3 * HOUR_MS],
  ])('should find the slot containing the instant (%ih cycle, %i ms after T0)', (hours, delta) => {
    const cycle = hours * HOUR_MS;
    const at = T0 + delta;
    const start = latestSlotStart('idp-a', cycle, at);
    expect(start).toBeLessThanOrEqual(at);
    expect(at - start).toBeLessThan(cycle);
    expect((((start - slotOffsetMs('idp-a', cycle)) % cycle) + cycle) % cycle).toBe(0);
  });

  it('should keep a slot start as its own first slot and move later instants to the next one', () => {
    const start = latestSlotStart('idp-a', HOUR_MS, T0);
    expect(firstSlotAtOrAfter('idp-a', HOUR_MS, start)).toBe(start);
    expect(firstSlotAtOrAfter('idp-a', HOUR_MS, start + 1)).toBe(start + HOUR_MS);
  });

  it.each([
    [0, 1],
    [1, 1],
    [12, 12],
    [24, 24],
    [25, 24],
    [1.5, 24],
  ])('should read a %p hour cycle as %i hours', (hours, expected) => {
    expect(cycleMs(hours)).toBe(expected * HOUR_MS);
  });

  it('should derive the same UUID-shaped commandId for the same IdP and slot only', () => {
    const id = scheduledCommandId('idp-a', T0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scheduledCommandId('idp-a', T0)).toBe(id);
    expect(scheduledCommandId('idp-a', T0 + HOUR_MS)).not.toBe(id);
    expect(scheduledCommandId('idp-b', T0)).not.toBe(id);
  });

  it.each([
    [1, 0, 1],
    [1, 1, 2],
    [1, 2, 4],
    [1, 4, 16],
    [1, 5, 24],
    [1, 1000, 24],
    [5, 2, 4],
    [5, 3, 4],
    [7, 2, 3],
    [13, 3, 1],
    [24, 1, 1],
    [2, -1, 1],
  ])('should stretch a %ih cycle after %i failures by a factor of %i', (hours, failures, factor) => {
    expect(backoffFactor(hours * HOUR_MS, failures)).toBe(factor);
  });
});
