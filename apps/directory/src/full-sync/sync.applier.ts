import { inSpan } from '@app/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrgReader, OrgWriter } from '../org-store';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { addCounts, countChanges, itemKey, replanItem, SyncCounts, SyncItem } from './sync-items';

/**
 * Writes planned items through OrgWriter in chunked transactions. Each chunk locks the IdP against event
 * batches (shared with the run's other chunks, which touch other entities) and plans its items again
 * against the rows as they are now, so an event applied since the diff is neither undone nor overwritten.
 */
@Injectable()
export class SyncApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: OrgWriter,
    private readonly reader: OrgReader,
    @Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions,
  ) {}

  /**
   * Returns the counts of the changes actually written. Departments go first, a chunk at a time (a parent
   * commits before its children); user chunks, disjoint, run `applyConcurrency` at a time.
   */
  async apply(
    idpId: string,
    runId: string,
    items: readonly SyncItem[],
    takenAt: number,
  ): Promise<SyncCounts> {
    const size = this.options.chunkSize ?? 2000;
    const chunks = (entity: string) => {
      const own = items.filter((item) => item.write.entity === entity);
      return Array.from({ length: Math.ceil(own.length / size) }, (_, i) =>
        own.slice(i * size, (i + 1) * size),
      );
    };
    let counts = countChanges([]);
    const write = async (chunk: SyncItem[]) => {
      const applied = await inSpan(
        'full-sync apply chunk',
        { 'larksync.run_id': runId, 'larksync.chunk_items': chunk.length },
        () =>
          this.dataSource.transaction((manager) => this.applyChunk(manager, idpId, runId, chunk, takenAt)),
      );
      counts = addCounts(counts, countChanges(applied));
    };
    for (const chunk of chunks('department')) await write(chunk);
    const users = chunks('user');
    const worker = async () => {
      for (let chunk = users.shift(); chunk; chunk = users.shift())
        await write(chunk).catch((error: unknown) => {
          users.length = 0; // the other workers stop after their current chunk
          throw error;
        });
    };
    const workers = Array.from({ length: this.options.applyConcurrency ?? 2 }, worker);
    const failure = (await Promise.allSettled(workers)).find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    return counts;
  }

  private async applyChunk(
    manager: EntityManager,
    idpId: string,
    runId: string,
    chunk: SyncItem[],
    takenAt: number,
  ): Promise<SyncItem[]> {
    await this.writer.lockIdpShared(manager, idpId);
    const keys = chunk.map(itemKey);
    const idsOf = (entity: string) => keys.filter((key) => key.entity === entity).map((key) => key.id);
    const departments = new Map(
      (await this.reader.departmentsByIds(idpId, idsOf('department'), manager)).map((row) => [
        row.department.openDepartmentId,
        row,
      ]),
    );
    const users = new Map(
      (await this.reader.usersByIds(idpId, idsOf('user'), manager)).map((row) => [row.user.openId, row]),
    );
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
