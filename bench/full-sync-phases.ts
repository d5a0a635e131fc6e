import { INestApplication } from '@nestjs/common';
import { OrgSnapshotSource } from '../apps/directory/src/full-sync/org-snapshot.source';
import { SyncApplier } from '../apps/directory/src/full-sync/sync.applier';
import { OrgReader, OrgWriter } from '../apps/directory/src/org-store';

export interface PhaseTimes {
  fetchStart?: number;
  fetchEnd?: number;
  /** Reads of the directory's current rows (the diff's other side), summed. */
  stateReadMs: number;
  /** Time in SyncApplier.apply (upserts and deactivations), summed. */
  applyMs: number;
  applyCalls: number;
  /** Inside apply, summed over chunks (which run side by side): re-reading the chunk's rows (replan), OrgWriter.apply. */
  replanReadMs: number;
  writerMs: number;
  /** OrgWriter's change_log + outbox statement. */
  publishMs: number;
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** Replaces `target[name]` with a wrapper that adds its duration to `times[field]`. */
function timeMethod(
  target: object,
  name: string,
  times: PhaseTimes,
  field: 'stateReadMs' | 'replanReadMs' | 'writerMs' | 'publishMs',
): void {
  const methods = target as Record<string, AnyMethod>;
  const original = methods[name].bind(target);
  methods[name] = async (...args: unknown[]) => {
    const started = Date.now();
    try {
      return await original(...args);
    } finally {
      times[field] += Date.now() - started;
    }
  };
}

/** Times the run's phases by wrapping the module's own instances; the app code is unchanged. */
export function instrumentPhases(app: INestApplication): { times: PhaseTimes; reset(): void } {
  const times: PhaseTimes = {
    stateReadMs: 0,
    applyMs: 0,
    applyCalls: 0,
    replanReadMs: 0,
    writerMs: 0,
    publishMs: 0,
  };
  const source = app.get(OrgSnapshotSource);
  const fetch = source.fetch.bind(source);
  source.fetch = async (...args) => {
    times.fetchStart = Date.now();
    try {
      return await fetch(...args);
    } finally {
      times.fetchEnd = Date.now();
    }
  };
  const state = app.get(OrgReader);
  timeMethod(state, 'users', times, 'stateReadMs');
  timeMethod(state, 'departments', times, 'stateReadMs');
  timeMethod(state, 'usersByIds', times, 'replanReadMs');
  timeMethod(state, 'departmentsByIds', times, 'replanReadMs');
  timeMethod(app.get(OrgWriter), 'apply', times, 'writerMs');
  timeMethod(app.get(OrgWriter), 'publish', times, 'publishMs');
  const applier = app.get(SyncApplier);
  const apply = applier.apply.bind(applier);
  applier.apply = async (...args) => {
    const started = Date.now();
    try {
      return await apply(...args);
    } finally {
      times.applyMs += Date.now() - started;
      times.applyCalls += 1;
    }
  };
  const reset = () =>
    Object.assign(times, {
      fetchStart: undefined,
      fetchEnd: undefined,
      stateReadMs: 0,
      applyMs: 0,
      applyCalls: 0,
      replanReadMs: 0,
      writerMs: 0,
      publishMs: 0,
    });
  return { times, reset };
}
