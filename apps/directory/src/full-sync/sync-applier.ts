import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgWriter } from '../org-store';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { OrgStateReader } from './org-state.reader';
import { Plan, planDepartment, planDepartmentRemoval, planUser, planUserRemoval, SyncItem } from './snapshot-diff';

export type ApplyMode = 'upsert' | 'removal';

/**
 * Writes planned items through OrgWriter in chunked transactions. Each chunk locks the IdP (as the event
 * consumer does) and plans its items again against the rows as they are now, so an event applied
 * since the diff is neither undone nor overwritten.
 */
@Injectable()
export class SyncApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OrgWriter,
    private readonly state: OrgStateReader,
    @Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions,
  ) {}

  /** Returns the items actually written. */
  async apply(idpId: string, runId: string, items: readonly SyncItem[], mode: ApplyMode, takenAt: number): Promise<SyncItem[]> {
    const applied: SyncItem[] = [];
    const size = this.options.chunkSize ?? 2000;
    for (let start = 0; start < items.length; start += size) {
      const chunk = items.slice(start, start + size);
      applied.push(...(await this.dataSource.transaction((manager) => this.applyChunk(manager, idpId, runId, chunk, mode, takenAt))));
    }
    return applied;
  }

  private async applyChunk(manager: EntityManager, idpId: string, runId: string, chunk: SyncItem[], mode: ApplyMode, takenAt: number): Promise<SyncItem[]> {
    await this.writer.lockIdp(manager, idpId);
    const idsOf = (entity: string) => chunk.filter((item) => item.change.entity === entity).map((item) => item.change.entityId);
    const departments = await this.state.departmentsByIds(idpId, idsOf('department'), manager);
    const users = await this.state.usersByIds(idpId, idsOf('user'), manager);
    const replanned = chunk.map((item): Plan => {
      const { change } = item;
      if (change.entity === 'department') {
        const current = departments.get(change.entityId);
        if (mode === 'upsert') return planDepartment(current, change.after, takenAt);
        return current ? planDepartmentRemoval(current, change.after.status, takenAt) : 'unchanged';
      }
      const current = users.get(change.entityId);
      if (mode === 'upsert') return planUser(current, change.after, takenAt);
      return current ? planUserRemoval(current, change.after.status === 'resigned' ? 'resigned' : 'out_of_scope', takenAt) : 'unchanged';
    });
    const items = replanned.filter((plan): plan is SyncItem => typeof plan === 'object');
    if (items.length === 0) return [];
    await this.writer.apply(manager, idpId, { writes: items.map((item) => item.write), changes: items.map((item) => item.change) }, { kind: 'sync', runId });
    return items;
  }
}
