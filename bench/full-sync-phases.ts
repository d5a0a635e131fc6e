import { INestApplication } from '@nestjs/common';
import { OrgSnapshotSource } from '../apps/directory/src/full-sync/org-snapshot.source';
import { OrgStateReader } from '../apps/directory/src/full-sync/org-state.reader';
import { SyncApplier } from '../apps/directory/src/full-sync/sync-applier';

export interface PhaseTimes {
  fetchStart?: number;
  fetchEnd?: number;
  /** Reads of the directory's current rows (the diff's other side), summed. */
  stateReadMs: number;
  /** Time in SyncApplier.apply (upserts and deactivations), summed. */
  applyMs: number;
  applyCalls: number;
}

/** Times the run's phases by wrapping the module's own instances; the app code is unchanged. */
export function instrumentPhases(app: INestApplication): { times: PhaseTimes; reset(): void } {
  const times: PhaseTimes = { stateReadMs: 0, applyMs: 0, applyCalls: 0 };
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
  const state = app.get(OrgStateReader);
  for (const name of ['users', 'departments'] as const) {
    const original = state[name].bind(state) as (...args: unknown[]) => Promise<unknown>;
    (state as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const started = Date.now();
      try {
        return await original(...args);
      } finally {
        times.stateReadMs += Date.now() - started;
      }
    };
  }
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
  const reset = () => Object.assign(times, { fetchStart: undefined, fetchEnd: undefined, stateReadMs: 0, applyMs: 0, applyCalls: 0 });
  return { times, reset };
}
