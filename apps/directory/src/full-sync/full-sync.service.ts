import { inSpan } from '@app/telemetry';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FullSyncCommand } from '@app/contracts';
import { LarkApiError, LarkContactClient, LarkTransportError, SnapshotProgress } from '@app/lark';
import { DirectorySnapshot, diffSnapshot, shouldHoldRun, SnapshotDiff } from '@app/directory-domain';
import { LOGGER, Logger } from '@app/logging';
import { Idp } from '@app/persistence';
import { PeriodicTask } from '@app/platform';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { FullSyncMetrics } from './full-sync.metrics';
import { LarkClientFactory } from './lark-client.factory';
import { OrgSnapshotSource } from './org-snapshot.source';
import { OrgStateReader } from './org-state.reader';
import { addCounts, countChanges, isActiveUser, planItems, shouldSyncUsers, SyncItem } from './sync-items';
import { SyncApplier } from './sync-applier';
import { RunOutcome, SyncRunRepository, SyncRunView } from './sync-run.repository';

export class IdpNotFoundError extends Error {}

/**
 * Runs full syncs: snapshot, diff, apply (guarded), recorded in sync_run. One run per IdP at a time.
 * Every instance keeps its runs alive with a heartbeat and queues again the runs of workers that stopped.
 */
@Injectable()
export class FullSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** The runs this process works on (runs, dry runs, approvals), heartbeated while in flight. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly heartbeat: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: SyncRunRepository,
    private readonly clients: LarkClientFactory,
    private readonly source: OrgSnapshotSource,
    private readonly state: OrgStateReader,
    private readonly applier: SyncApplier,
    private readonly metrics: FullSyncMetrics,
    @Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.heartbeat = new PeriodicTask(() => this.keepAlive(), options.heartbeatMs ?? 10_000);
  }

  /** Records the command durably and starts its run in the background (unless merged or already done). */
  async accept(command: FullSyncCommand): Promise<SyncRunView> {
    const { run, outcome } = await this.runs.enqueue(command);
    this.logger.info(
      { idpId: command.idpId, commandId: command.commandId, runId: run.id, outcome },
      'full-sync command recorded',
    );
    if (run.status === 'queued') this.start(run.id);
    return run;
  }

  /** Resolves when every run this process started has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  onApplicationBootstrap(): void {
    this.heartbeat.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.heartbeat.stop();
    await this.idle();
  }

  /** Marks this process's runs alive, then takes over the runs of workers that stopped. */
  private async keepAlive(): Promise<void> {
    try {
      await this.runs.heartbeat([...this.inFlight.keys()]);
      const { interrupted, requeued } = await this.runs.requeueInterrupted();
      this.metrics.interrupted.inc(interrupted);
      for (const runId of requeued) {
        this.logger.warn({ runId }, 'full sync queued again: the worker of its previous attempt stopped');
        this.start(runId);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'full-sync heartbeat failed');
    }
  }

  async findIdp(idpId: string): Promise<Idp> {
    const idp = await this.dataSource.getRepository(Idp).findOneBy({ id: idpId });
    if (!idp) throw new IdpNotFoundError(`IdP ${idpId} not found`);
    return idp;
  }

  /** Computes what a run would change, records it as a dry run, applies nothing. */
  async dryRun(idpId: string, commandId: string): Promise<{ run: SyncRunView; diff: SnapshotDiff }> {
    const idp = await this.findIdp(idpId);
    const run = await this.runs.createDryRun(idpId, true, commandId);
    return this.track(run.id, this.runDry(idp, run));
  }

  private async runDry(idp: Idp, run: SyncRunView): Promise<{ run: SyncRunView; diff: SnapshotDiff }> {
    try {
      const { diff, plan } = await this.computeDiff(idp, run, true);
      const counts = countChanges([...plan.upserts, ...plan.deactivations], diff.unchanged);
      return {
        run: await this.runs.finish(run.id, { status: 'succeeded', counts, drift: diff.drift }),
        diff,
      };
    } catch (error) {
      await this.runs.finish(run.id, { status: 'failed', errors: [describeError(error)] });
      throw error;
    }
  }

  /** Applies a held run's deactivations (those still valid); returns the run, or undefined when not held. */
  async approve(runId: string): Promise<SyncRunView | undefined> {
    const taken = await this.runs.takeApproval(runId);
    return taken && this.track(runId, this.applyApproved(taken.run, taken.pending));
  }

  private async applyApproved(run: SyncRunView, pending: SyncItem[]): Promise<SyncRunView> {
    const runId = run.id;
    try {
      const applied = await this.applier.apply(
        run.idpId,
        run.id,
        pending,
        new Date(run.snapshotAt!).getTime(),
      );
      const counts = {
        ...run.counts,
        deactivated: (run.counts.deactivated ?? 0) + applied.deactivated,
      };
      this.logger.info(
        { idpId: run.idpId, runId, deactivated: applied.deactivated },
        'held full sync approved',
      );
      return await this.runs.finish(runId, { status: 'succeeded', counts, drift: run.drift });
    } catch (error) {
      return await this.runs.finish(runId, {
        status: 'failed',
        counts: run.counts,
        drift: run.drift,
        errors: [describeError(error)],
        pending,
      });
    }
  }

  private start(runId: string): void {
    if (!this.inFlight.has(runId)) void this.track(runId, this.execute(runId));
  }

  private track<T>(runId: string, work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.inFlight.delete(runId));
    this.inFlight.set(runId, tracked);
    return tracked;
  }

  private async execute(runId: string): Promise<void> {
    const run = await this.runs.claim(runId);
    if (!run) return;
    const startedAt = Date.now();
    let outcome: RunOutcome;
    try {
      outcome = await inSpan(
        'full-sync run',
        { 'larksync.idp_id': run.idpId, 'larksync.run_id': runId, 'larksync.trigger': run.trigger },
        () => this.sync(run),
      );
    } catch (error) {
      outcome = { status: 'failed', errors: [describeError(error)] };
      this.logger.warn(
        { idpId: run.idpId, runId, err: describeError(error) },
        'full sync failed; nothing deactivated',
      );
    }
    const finished = await this.runs.finish(runId, outcome);
    if (finished.status !== outcome.status)
      this.logger.warn(
        { idpId: run.idpId, runId, outcome: outcome.status },
        'full sync ended after another instance had taken it as interrupted; its retry is the run of record',
      );
    this.metrics.recordRun(
      run.idpId,
      run.trigger,
      finished.status,
      (Date.now() - startedAt) / 1000,
      finished.counts,
      finished.drift,
    );
    this.logger.info(
      {
        idpId: run.idpId,
        runId,
        status: finished.status,
        counts: finished.counts,
        drift: finished.drift,
        durationMs: finished.durationMs,
      },
      'full sync finished',
    );
  }

  private async sync(run: SyncRunView): Promise<RunOutcome> {
    const idp = await this.findIdp(run.idpId);
    if (idp.status === 'closed') throw new Error('the IdP is closed: re-enable it to sync');
    const includeUsers = shouldSyncUsers(run.trigger, run.includeUsers, idp.syncUserInfo);
    // Only the plan and a few numbers outlive the diff: the snapshot and current rows can be collected.
    const {
      takenAt,
      diff: { unchanged, drift },
      plan,
      activeUsers,
      progress,
    } = await this.computeDiff(idp, run, includeUsers);
    const upserted = await this.applier.apply(idp.id, run.id, plan.upserts, takenAt);
    const userDeactivations = plan.deactivations.filter((item) => item.write.entity === 'user').length;
    const guard = shouldHoldRun({
      activeUsers,
      deactivations: userDeactivations,
      thresholdPercent: idp.deletionGuard.maxPercent,
      thresholdCount: idp.deletionGuard.maxCount,
    });
    if (guard.hold) {
      this.logger.warn(
        { idpId: idp.id, runId: run.id, reason: guard.reason },
        'full sync held by the deletion guard',
      );
      return {
        status: 'held',
        counts: addCounts(upserted, countChanges([], unchanged)),
        drift,
        pending: plan.deactivations,
        progress,
        errors: [{ message: guard.reason }],
      };
    }
    const deactivated = await this.applier.apply(idp.id, run.id, plan.deactivations, takenAt);
    return {
      status: 'succeeded',
      counts: addCounts(addCounts(upserted, deactivated), countChanges([], unchanged)),
      drift,
      progress,
    };
  }

  private async computeDiff(idp: Idp, run: SyncRunView, includeUsers: boolean) {
    const client = this.clients.clientFor(idp);
    const progress = this.progressRecorder(run.id, client);
    const snapshot: DirectorySnapshot = await this.source.fetch(client, {
      scope: idp.scope,
      includeUsers,
      concurrency: this.options.concurrency ?? 8,
      onProgress: progress.onProgress,
    });
    await this.runs.recordSnapshotTime(run.id, snapshot.takenAt);
    const current = {
      departments: await this.state.departments(idp.id),
      users: await this.state.users(idp.id),
    };
    const diff: SnapshotDiff = diffSnapshot(current, snapshot, {
      scope: idp.scope,
      includeUsers,
      scopeChanged: run.trigger === 'scope-change',
    });
    const activeUsers = current.users.filter((row) => isActiveUser(row.user.status)).length;
    return {
      takenAt: snapshot.takenAt,
      diff,
      plan: planItems(diff),
      activeUsers,
      progress: progress.final(),
    };
  }

  /** Writes progress at most once a second, so a large org does not turn into a write per page. */
  private progressRecorder(runId: string, client: LarkContactClient) {
    let latest: SnapshotProgress | undefined;
    let lastWrite = 0;
    const snapshotOf = () => ({ ...(latest ?? { departments: 0, users: 0 }), ...client.stats });
    return {
      onProgress: (progress: SnapshotProgress) => {
        latest = progress;
        if (Date.now() - lastWrite < 1000) return;
        lastWrite = Date.now();
        void this.runs
          .recordProgress(runId, snapshotOf())
          .catch((error: unknown) => this.logger.warn({ runId, err: error }, 'progress not recorded'));
        this.logger.info({ runId, ...snapshotOf() }, 'full sync progress');
      },
      final: () => snapshotOf(),
    };
  }
}

export function describeError(error: unknown): { message: string; code?: number; endpoint?: string } {
  if (error instanceof LarkApiError)
    return { message: error.message, code: error.code, endpoint: error.endpoint };
  if (error instanceof LarkTransportError) return { message: error.message, endpoint: error.endpoint };
  return { message: error instanceof Error ? error.message : String(error) };
}
