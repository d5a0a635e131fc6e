import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';
import { SyncCounts } from './sync-items';

/** Full-sync metrics on the app's registry: duration, changes, holds, interruptions, drift, Lark calls. */
@Injectable()
export class FullSyncMetrics {
  readonly duration: Histogram<'trigger' | 'status'>;
  readonly changes: Counter<'op'>;
  readonly holds: Counter;
  readonly interrupted: Counter;
  readonly drift: Counter<'idp_id'>;
  readonly lastDrift: Gauge<'idp_id'>;
  readonly larkRequests: Counter<'outcome'>;

  constructor(registry: Registry) {
    const metrics = metricsOn(registry);
    this.duration = metrics.histogram(
      'larksync_full_sync_duration_seconds',
      'Wall time of full-sync runs by trigger and final status',
      [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
      ['trigger', 'status'],
    );
    this.changes = metrics.counter(
      'larksync_full_sync_changes_total',
      'Changes applied by full syncs, by op',
      ['op'],
    );
    this.holds = metrics.counter('larksync_full_sync_holds_total', 'Runs held by the deletion guard');
    this.interrupted = metrics.counter(
      'larksync_full_sync_interrupted_total',
      'Runs whose worker stopped before they finished (queued again unless dry runs or on their last attempt)',
    );
    this.drift = metrics.counter(
      'larksync_full_sync_drift_total',
      'Differences a full sync found that events had not applied',
      ['idp_id'],
    );
    this.lastDrift = metrics.gauge(
      'larksync_full_sync_last_drift',
      'Drift found by the last full sync of the IdP',
      ['idp_id'],
    );
    this.larkRequests = metrics.counter(
      'larksync_lark_requests_total',
      'Lark contact API requests made by full syncs',
      ['outcome'],
    );
  }

  recordRun(
    idpId: string,
    trigger: string,
    status: string,
    seconds: number,
    counts: Partial<SyncCounts>,
    drift: number,
  ): void {
    this.duration.observe({ trigger, status }, seconds);
    for (const op of ['created', 'updated', 'moved', 'deactivated'] as const)
      if (counts[op]) this.changes.inc({ op }, counts[op]);
    if (status === 'held') this.holds.inc();
    this.drift.inc({ idp_id: idpId }, drift);
    this.lastDrift.set({ idp_id: idpId }, drift);
  }
}
