import { decideSchedule, ScheduledIdp, ScheduleHistory } from './schedule-decision';
import { HOUR_MS, latestSlotStart, scheduledCommandId } from './slot-grid';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

function anIdp(overrides: Partial<ScheduledIdp> = {}): ScheduledIdp {
  return {
    id: 'idp-1',
    status: 'enabled',
    autoSync: true,
    syncIntervalHours: 1,
    syncUserInfo: true,
    createdAt: T0 - 30 * 24 * HOUR_MS,
    ...overrides,
  };
}

function history(overrides: Partial<ScheduleHistory> = {}): ScheduleHistory {
  return { lastSlotStart: null, consecutiveFailures: 0, ...overrides };
}

/** Start of the k-th slot from the one containing T0 (k = 0), for a cycle of `hours`. */
function slot(k: number, hours = 1, idpId = 'idp-1'): number {
  return latestSlotStart(idpId, hours * HOUR_MS, T0) + k * hours * HOUR_MS;
}

describe('decideSchedule', () => {
  it.each([
    [{ status: 'closed' as const }, 'closed'],
    [{ autoSync: false }, 'auto-sync-off'],
    [{ status: 'closed' as const, autoSync: false }, 'closed'],
  ])('should schedule nothing for %p', (overrides, reason) => {
    expect(decideSchedule(anIdp(overrides), history({ lastSlotStart: slot(-3) }), T0)).toEqual({
      kind: 'inactive',
      reason,
      slotStart: slot(0),
    });
  });

  it('should publish the current slot of an IdP created before it, with the slot-derived commandId', () => {
    expect(decideSchedule(anIdp(), history(), T0)).toMatchObject({
      kind: 'publish',
      slotStart: slot(0),
      commandId: scheduledCommandId('idp-1', slot(0)),
      missedSlots: 0,
      backoffFactor: 1,
      nextRunAt: slot(1),
    });
  });

  it('should wait for the first slot after the IdP was created', () => {
    const decision = decideSchedule(anIdp({ createdAt: slot(0) + 1 }), history(), T0);
    expect(decision).toEqual({ kind: 'wait', nextRunAt: slot(1), backoffFactor: 1, suppressedSlot: null });
  });

  it.each([
    ['the slot was already claimed', slot(0), 'wait'],
    ['the previous slot was the last', slot(-1), 'publish'],
    ['a later slot was claimed by a replica with a fast clock', slot(1), 'wait'],
  ])('should decide once per slot when %s', (_, lastSlotStart, kind) => {
    expect(decideSchedule(anIdp(), history({ lastSlotStart }), T0).kind).toBe(kind);
  });

  it.each([
    [1, 5, 4],
    [1, 48, 47],
    [6, 3, 2],
  ])(
    'should catch up a %ih cycle missed for %i slots with one command for the latest',
    (hours, behind, missed) => {
      const decision = decideSchedule(
        anIdp({ syncIntervalHours: hours }),
        history({ lastSlotStart: slot(-behind, hours) }),
        T0,
      );
      expect(decision).toMatchObject({ kind: 'publish', slotStart: slot(0, hours), missedSlots: missed });
    },
  );

  it.each([true, false])('should carry syncUserInfo=%p as includeUsers', (syncUserInfo) => {
    expect(decideSchedule(anIdp({ syncUserInfo }), history(), T0)).toMatchObject({
      includeUsers: syncUserInfo,
    });
  });

  it.each([
    [1, 1, -1, 'wait', slot(1)],
    [1, 1, -2, 'publish', slot(2)],
    [1, 2, -3, 'wait', slot(1)],
    [1, 2, -4, 'publish', slot(4)],
    [1, 9, -23, 'wait', slot(1)],
    [1, 9, -24, 'publish', slot(24)],
  ])(
    'should stretch a %ih cycle after %i failures (last slot %i → %s, next run at %p)',
    (hours, failures, last, kind, next) => {
      const decision = decideSchedule(
        anIdp({ syncIntervalHours: hours }),
        history({ lastSlotStart: slot(last), consecutiveFailures: failures }),
        T0,
      );
      expect(decision.kind).toBe(kind);
      expect(decision).toMatchObject({ nextRunAt: next });
    },
  );

  it('should report a slot that backoff held back', () => {
    const decision = decideSchedule(
      anIdp(),
      history({ lastSlotStart: slot(-1), consecutiveFailures: 1 }),
      T0,
    );
    expect(decision).toMatchObject({ kind: 'wait', suppressedSlot: slot(0), backoffFactor: 2 });
  });

  it.each([
    ['shortened from 24h to 1h', 24, 1, 'publish'],
    ['lengthened from 1h to 24h', 1, 24, 'wait'],
  ])('should apply a cycle %s at once', (_, fromHours, toHours, kind) => {
    const last = latestSlotStart('idp-1', fromHours * HOUR_MS, T0 - 90 * 60_000);
    expect(
      decideSchedule(anIdp({ syncIntervalHours: toHours }), history({ lastSlotStart: last }), T0).kind,
    ).toBe(kind);
  });
});

describe('decideSchedule over a fake clock', () => {
  interface Run {
    hours: number;
    days: number;
    failures: number;
    down: [number, number] | null;
  }

  /** Ticks every 10 s, feeding each published slot back as history, as the tick loop does. */
  function simulate(
    { hours, days, failures, down }: Run,
    idp = anIdp({ syncIntervalHours: hours }),
  ): number[] {
    const published: number[] = [];
    for (let now = T0; now < T0 + days * 24 * HOUR_MS; now += 10_000) {
      if (down && now >= T0 + down[0] * HOUR_MS && now < T0 + down[1] * HOUR_MS) continue;
      const lastSlotStart = published.length ? published[published.length - 1] : null;
      const decision = decideSchedule(idp, { lastSlotStart, consecutiveFailures: failures }, now);
      if (decision.kind === 'publish') published.push(decision.slotStart);
    }
    return published;
  }

  const gaps = (starts: number[]) => starts.slice(1).map((start, index) => (start - starts[index]) / HOUR_MS);

  it.each([
    [{ hours: 1, days: 1, failures: 0, down: null }, 24, 1],
    [{ hours: 6, days: 2, failures: 0, down: null }, 8, 6],
    [{ hours: 1, days: 1, failures: 2, down: null }, 6, 4],
    [{ hours: 3, days: 3, failures: 10, down: null }, 3, 24],
  ])(
    'should publish once per stretched cycle, plus the slot under way at start: %p',
    (run, cycles, gapHours) => {
      const count = cycles + 1;
      const published = simulate(run);
      expect(published).toHaveLength(count);
      expect(new Set(gaps(published))).toEqual(new Set([gapHours]));
    },
  );

  it('should publish one command, not a burst, after a scheduler downtime of five slots', () => {
    const published = simulate({ hours: 1, days: 1, failures: 0, down: [2.5, 7.5] });
    expect(gaps(published)).toContain(5);
    expect(published).toHaveLength(24 + 1 - 4);
  });

  it('should spread IdPs of one cycle rather than fire them together', () => {
    const firsts = ['a', 'b', 'c', 'd', 'e', 'f'].map(
      (id) =>
        simulate(
          { hours: 4, days: 1, failures: 0, down: null },
          anIdp({ id, syncIntervalHours: 4, createdAt: T0 }),
        )[0],
    );
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});
