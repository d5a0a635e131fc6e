import { Registry } from 'prom-client';
import { createLogger } from '@app/logging';
import { FullSyncCommand } from '@app/contracts';
import type { IdpSyncFailureStreakReader, IdpSyncScheduleReader } from '@app/persistence';
import { Clock } from './clock';
import { FullSyncCommandPublisher } from './full-sync-command.publisher';
import { ScheduledIdp } from './schedule-decision';
import { ScheduleRunnerService } from './schedule-runner.service';
import { LatestSlot, ScheduleSlotRepository } from './schedule-slot.repository';
import { SchedulerMetrics } from './scheduler.metrics';
import { HOUR_MS, latestSlotStart, scheduledCommandId } from './slot-grid';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

function anIdp(overrides: Partial<ScheduledIdp> = {}): ScheduledIdp {
  return {
    id: 'idp-1',
    status: 'enabled',
    autoSync: true,
    syncIntervalHours: 1,
    syncUserInfo: false,
    createdAt: T0 - 48 * HOUR_MS,
    ...overrides,
  };
}

/** schedule_slot in memory, with the primary key's first-writer-wins and a claim clock of its own. */
class InMemorySlots {
  rows = new Map<
    string,
    {
      idpId: string;
      slotStart: number;
      commandId: string;
      claimedBy: string;
      claimedAt: number;
      publishedAt: number | null;
    }
  >();
  dbNow = 0;

  latestSlots = async (timeoutMs: number): Promise<Map<string, LatestSlot>> => {
    const latest = new Map<string, LatestSlot>();
    for (const row of [...this.rows.values()].sort((a, b) => a.slotStart - b.slotStart)) {
      const stale = row.publishedAt === null && row.claimedAt < this.dbNow - timeoutMs;
      latest.set(row.idpId, {
        idpId: row.idpId,
        slotStart: row.slotStart,
        commandId: row.commandId,
        published: row.publishedAt !== null,
        stale,
      });
    }
    return latest;
  };
  claim = async (idpId: string, slotStart: number, commandId: string, claimedBy: string) => {
    if (this.rows.has(`${idpId}@${slotStart}`)) return false;
    this.rows.set(`${idpId}@${slotStart}`, {
      idpId,
      slotStart,
      commandId,
      claimedBy,
      claimedAt: this.dbNow,
      publishedAt: null,
    });
    return true;
  };
  reclaimStale = async (idpId: string, slotStart: number, timeoutMs: number, claimedBy: string) => {
    const row = this.rows.get(`${idpId}@${slotStart}`);
    if (!row || row.publishedAt !== null || row.claimedAt >= this.dbNow - timeoutMs) return false;
    Object.assign(row, { claimedBy, claimedAt: this.dbNow });
    return true;
  };
  markPublished = async (idpId: string, slotStart: number) => {
    this.rows.get(`${idpId}@${slotStart}`)!.publishedAt = this.dbNow;
  };
  release = async (idpId: string, slotStart: number) => {
    this.rows.get(`${idpId}@${slotStart}`)!.claimedAt = -Infinity;
  };
}

function setUp(idps: ScheduledIdp[], failures = new Map<string, number>()) {
  const clock = { now: () => T0 };
  const slots = new InMemorySlots();
  const sent: FullSyncCommand[] = [];
  const publisher = {
    failNext: false,
    publish: async (command: FullSyncCommand) => {
      if (publisher.failNext) {
        publisher.failNext = false;
        throw new Error('broker unavailable');
      }
      sent.push(command);
    },
  };
  const registry = new Registry();
  const metrics = new SchedulerMetrics(registry);
  const runner = (instanceId: string) =>
    new ScheduleRunnerService(
      { findAll: async () => idps } as unknown as IdpSyncScheduleReader,
      slots as unknown as ScheduleSlotRepository,
      { consecutiveFailures: async () => failures } as unknown as IdpSyncFailureStreakReader,
      publisher as unknown as FullSyncCommandPublisher,
      metrics,
      clock as Clock,
      { instanceId, tickMs: 1000, claimTimeoutMs: 60_000 },
      createLogger('scheduler-spec', 'silent'),
    );
  return { clock, slots, sent, publisher, registry, runner };
}

describe('ScheduleRunnerService', () => {
  it('should publish one scheduled command per due IdP, keyed to its slot, and none for inactive IdPs', async () => {
    const { sent, runner } = setUp([
      anIdp(),
      anIdp({ id: 'idp-closed', status: 'closed' }),
      anIdp({ id: 'idp-off', autoSync: false }),
    ]);
    const summary = await runner('a').runOnce();
    expect(summary.outcomes).toMatchObject({ published: 1, inactive: 2 });
    expect(sent).toEqual([
      expect.objectContaining({
        type: 'full-sync',
        idpId: 'idp-1',
        reason: 'scheduled',
        includeUsers: false,
        requestedAt: new Date(T0).toISOString(),
      }),
    ]);
  });

  it('should let only one of two replicas publish a slot', async () => {
    const { sent, runner } = setUp([anIdp(), anIdp({ id: 'idp-2' })]);
    const [a, b] = await Promise.all([runner('a').runOnce(), runner('b').runOnce()]);
    expect(a.outcomes.published + b.outcomes.published).toBe(2);
    expect(a.outcomes['claimed-by-peer'] + b.outcomes['claimed-by-peer']).toBe(2);
    expect(sent).toHaveLength(2);
  });

  it('should publish nothing more on a second tick within the slot', async () => {
    const { sent, runner } = setUp([anIdp()]);
    await runner('a').runOnce();
    await runner('a').runOnce();
    expect(sent).toHaveLength(1);
  });

  it('should hand back the claim when publishing fails and publish the same commandId on the next tick', async () => {
    const { sent, publisher, runner } = setUp([anIdp()]);
    publisher.failNext = true;
    expect((await runner('a').runOnce()).failed).toBe(1);
    expect((await runner('b').runOnce()).outcomes.republished).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0].commandId).toBe(scheduledCommandId('idp-1', latestSlotStart('idp-1', HOUR_MS, T0)));
  });

  it('should re-publish a claim left unpublished past the timeout with the same commandId', async () => {
    const { sent, slots, runner } = setUp([anIdp()]);
    const slotStart = latestSlotStart('idp-1', HOUR_MS, T0);
    await slots.claim('idp-1', slotStart, 'crashed-command-id', 'dead-replica');
    slots.dbNow += 30_000;
    expect((await runner('a').runOnce()).outcomes.waiting).toBe(1);
    slots.dbNow += 31_000;
    expect((await runner('a').runOnce()).outcomes.republished).toBe(1);
    expect(sent.map((command) => command.commandId)).toEqual(['crashed-command-id']);
    expect((await runner('b').runOnce()).outcomes.waiting).toBe(1);
  });

  it('should hold a slot back while the IdP backs off after failures', async () => {
    const { sent, slots, runner } = setUp([anIdp()], new Map([['idp-1', 1]]));
    await slots.claim('idp-1', latestSlotStart('idp-1', HOUR_MS, T0) - HOUR_MS, 'previous', 'a');
    await slots.markPublished('idp-1', latestSlotStart('idp-1', HOUR_MS, T0) - HOUR_MS);
    expect((await runner('a').runOnce()).outcomes.waiting).toBe(1);
    expect(sent).toHaveLength(0);
  });

  it('should expose next run, backoff, published and skipped slots as metrics', async () => {
    const { registry, runner } = setUp(
      [anIdp(), anIdp({ id: 'idp-closed', status: 'closed' })],
      new Map([['idp-1', 2]]),
    );
    await runner('a').runOnce();
    await runner('a').runOnce();
    const text = await registry.metrics();
    const nextRun = (latestSlotStart('idp-1', HOUR_MS, T0) + 4 * HOUR_MS) / 1000;
    expect(text).toContain(`larksync_scheduler_next_run_timestamp_seconds{idp_id="idp-1"} ${nextRun}`);
    expect(text).toContain('larksync_scheduler_backoff_factor{idp_id="idp-1"} 4');
    expect(text).toContain('larksync_scheduler_commands_published_total{kind="scheduled"} 1');
    expect(text).toContain('larksync_scheduler_slots_skipped_total{reason="closed"} 1');
    expect(text).not.toContain('idp_id="idp-closed"');
  });
});
