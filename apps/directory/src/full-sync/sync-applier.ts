import { inSpan } from '@app/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgWriter } from '../org-store';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { OrgStateReader } from './org-state.reader';
import { itemKey, replanItem, SyncItem } from './sync-items';

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
  async apply(
    idpId: string,
    runId: string,
    items: readonly SyncItem[],
    takenAt: number,
  ): Promise<SyncItem[]> {
    const applied: SyncItem[] = [];
    const size = this.options.chunkSize ?? 2000;
    for (let start = 0; start < items.length; start += size) {
      const chunk = items.slice(start, start + size);
      const write = () =>
        this.dataSource.transaction((manager) => this.applyChunk(manager, idpId, runId, chunk, takenAt));
      applied.push(
        ...(await inSpan(
          'full-sync apply chunk',
          { 'larksync.run_id': runId, 'larksync.chunk_items': chunk.length },
          write,
        )),
      );
    }
    return applied;
  }

  private async applyChunk(
    manager: EntityManager,
    idpId: string,
    runId: string,
    chunk: SyncItem[],
    takenAt: number,
  ): Promise<SyncItem[]> {
    await this.writer.lockIdp(manager, idpId);
    const keys = chunk.map(itemKey);
    const idsOf = (entity: string) => keys.filter((key) => key.entity === entity).map((key) => key.id);
    const departments = await this.state.departmentsByIds(idpId, idsOf('department'), manager);
    const users = await this.state.usersByIds(idpId, idsOf('user'), manager);
    const items = chunk
      .map((item, index) =>
        replanItem(
          item,
          keys[index].entity === 'user' ? users.get(keys[index].id) : departments.get(keys[index].id),
          takenAt,
        ),
      )
      .filter((item): item is SyncItem => item !== null);
    if (items.length === 0) return [];
    const changes = items.flatMap((item) => (item.change ? [item.change] : []));
    await this.writer.apply(
      manager,
      idpId,
      { writes: items.map((item) => item.write), changes },
      { kind: 'sync', runId },
    );
    return items;
  }
}
