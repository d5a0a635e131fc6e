import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';

export type SkipReason = 'closed' | 'auto-sync-off' | 'missed-while-down' | 'backoff' | 'claimed-by-peer';
export type PublishKind = 'scheduled' | 'republished';

/** The scheduler's Prometheus metrics, registered on the app's registry. */
@Injectable()
export class SchedulerMetrics {
  private readonly nextRun: Gauge<'idp_id'>;
  private readonly backoff: Gauge<'idp_id'>;
  private readonly published: Counter<'kind'>;
  private readonly skipped: Counter<'reason'>;
  private readonly tickFailures: Counter;
  /** Last slot counted as skipped per IdP, so a slot is counted once however many ticks see it. */
  private readonly countedSkips = new Map<string, string>();
  private readonly known = new Set<string>();

  constructor(registry: Registry) {
    const metrics = metricsOn(registry);
    this.nextRun = metrics.gauge(
      'larksync_scheduler_next_run_timestamp_seconds',
      'When the next scheduled full sync of the IdP is due (unix seconds)',
      ['idp_id'],
    );
    this.backoff = metrics.gauge(
      'larksync_scheduler_backoff_factor',
      'How many cycles the IdP waits between scheduled runs after consecutive failures (1 = no backoff)',
      ['idp_id'],
    );
    this.published = metrics.counter(
      'larksync_scheduler_commands_published_total',
      'Full-sync commands published, first time or re-published after a claim timed out',
      ['kind'],
    );
    this.skipped = metrics.counter(
      'larksync_scheduler_slots_skipped_total',
      'Slots that got no command from this replica, by reason',
      ['reason'],
    );
    this.tickFailures = metrics.counter(
      'larksync_scheduler_tick_failures_total',
      'Ticks, or single IdPs within a tick, that failed and will be retried',
    );
  }

  scheduled(idpId: string, nextRunAt: number, backoffFactor: number): void {
    this.known.add(idpId);
    this.nextRun.set({ idp_id: idpId }, Math.floor(nextRunAt / 1000));
    this.backoff.set({ idp_id: idpId }, backoffFactor);
  }

  /** The IdP gets no scheduled runs (closed, auto sync off or deleted). */
  unscheduled(idpId: string): void {
    if (!this.known.delete(idpId)) return;
    this.nextRun.remove({ idp_id: idpId });
    this.backoff.remove({ idp_id: idpId });
  }

  forgetAllBut(idpIds: Set<string>): void {
    for (const idpId of [...this.known]) if (!idpIds.has(idpId)) this.unscheduled(idpId);
    for (const idpId of [...this.countedSkips.keys()])
      if (!idpIds.has(idpId)) this.countedSkips.delete(idpId);
  }

  commandPublished(kind: PublishKind): void {
    this.published.inc({ kind });
  }

  slotSkipped(idpId: string, slotStart: number, reason: SkipReason): void {
    const mark = `${reason}@${slotStart}`;
    if (this.countedSkips.get(idpId) === mark) return;
    this.countedSkips.set(idpId, mark);
    this.skipped.inc({ reason });
  }

  slotsMissed(count: number): void {
    if (count > 0) this.skipped.inc({ reason: 'missed-while-down' }, count);
  }

  tickFailed(): void {
    this.tickFailures.inc();
  }
}
