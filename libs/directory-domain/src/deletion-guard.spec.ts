import { shouldHoldRun } from './deletion-guard';

describe('shouldHoldRun', () => {
  it.each([
    ['nothing deactivated', 1000, 0, {}, false],
    ['10 % of 50 users exactly (5)', 50, 5, {}, false],
    ['just over 10 % of 50 users', 50, 6, {}, true],
    ['100 of 10 000 users (count is smaller)', 10_000, 100, {}, false],
    ['101 of 10 000 users', 10_000, 101, {}, true],
    ['any deactivation of an empty directory', 0, 1, {}, true],
    ['a custom percent', 100, 21, { thresholdPercent: 20 }, true],
    ['a custom count', 100_000, 500, { thresholdCount: 1000 }, false],
  ])('should decide for %s', (_label, activeUsers, deactivations, thresholds, hold) => {
    expect(shouldHoldRun({ activeUsers, deactivations, ...thresholds }).hold).toBe(hold);
  });

  it('should explain a hold with the numbers', () => {
    expect(shouldHoldRun({ activeUsers: 200, deactivations: 100 })).toEqual({
      hold: true,
      limit: 20,
      reason:
        'would deactivate 100 of 200 users, above the limit of 20 (10 % or 100 users, whichever is smaller); approve the run to apply',
    });
  });
});
