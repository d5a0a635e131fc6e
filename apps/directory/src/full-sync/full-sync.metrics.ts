import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
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
    this.duration = new Histogram({
      name: 'larksync_full_sync_duration_seconds',
      help: 'Wall time of full-sync runs by trigger and final status',
      labelNames: ['trigger', 'status'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
      registers: [registry],
    });
    this.changes = new Counter({
      name: 'larksync_full_sync_changes_total',
      help: 'Changes applied by full syncs, by op',
      labelNames: ['op'],
      registers: [registry],
    });
    this.holds = new Counter({
      name: 'larksync_full_sync_holds_total',
      help: 'Runs held by the deletion guard',
      registers: [registry],
    });
    this.interrupted = new Counter({
      name: 'larksync_full_sync_interrupted_total',
      help: 'Runs whose worker stopped before they finished (queued again unless dry runs or on their last attempt)',
      registers: [registry],
    });
    this.drift = new Counter({
      name: 'larksync_full_sync_drift_total',
      help: 'Differences a full sync found that events had not applied',
      labelNames: ['idp_id'],
      registers: [registry],
    });
    this.lastDrift = new Gauge({
      name: 'larksync_full_sync_last_drift',
      help: 'Drift found by the last full sync of the IdP',
      labelNames: ['idp_id'],
      registers: [registry],
    });
    this.larkRequests = new Counter({
      name: 'larksync_lark_requests_total',
      help: 'Lark contact API requests made by full syncs',
      labelNames: ['outcome'],
      registers: [registry],
    });
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
