import { EntityManager } from 'typeorm';
import { CausedChangeSet, changeKey, OrgWriter, writeKey } from '../org-store';

/**
 * The writes and changes decided so far in a batch, sent through ONE `OrgWriter.apply` call. An entity
 * that comes back (a second event for it) flushes what is pending first, so that every change keeps its
 * own version and order.
 */
export class PendingOrgChanges {
  private parts: CausedChangeSet[] = [];
  private readonly keys = new Set<string>();

  constructor(
    private readonly writer: OrgWriter,
    private readonly manager: EntityManager,
    private readonly idpId: string,
  ) {}

  async add(part: CausedChangeSet): Promise<void> {
    if (part.writes.length === 0 && part.changes.length === 0) return;
    const keys = [...part.writes.map(writeKey), ...part.changes.map(changeKey)];
    if (keys.some((key) => this.keys.has(key))) await this.flush();
    this.parts.push(part);
    for (const key of keys) this.keys.add(key);
  }

  /** Writes what is pending; call before reading rows from the database or writing the outbox directly. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.keys.clear();
    await this.writer.applyAll(this.manager, this.idpId, parts);
  }
}
