/** A subject document ready to send: its strong ETag and its JSON body, serialised once. */
export interface ServedSubject {
  etag: string;
  body: Buffer;
}

export interface SubjectCacheOptions {
  /** Upper bound on how long an entry may be served without asking the table again. */
  ttlMs: number;
  /** Upper bound on the bytes of cached bodies; least recently used entries go first. */
  maxBytes: number;
}

interface Entry {
  idpId: string;
  value: ServedSubject;
  expiresAt: number;
}

/** Marks one load in flight; an invalidation withdraws it so a load that raced a commit is not kept. */
interface Load {
  idpId: string;
}

/**
 * Bounded LRU of served subject documents in front of `projection_subject` (the single source of truth).
 * Writers of this process invalidate keys after they commit; an entry is at most `ttlMs` old, which bounds
 * what another projector instance's commits can leave stale here.
 */
export class SubjectDocumentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new Map<string, Load>();
  private bytes = 0;

  constructor(
    private readonly options: SubjectCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached subject, or the loader's answer (kept unless invalidated while it loaded). null is not cached. */
  async lookup(
    idpId: string,
    openId: string,
    load: () => Promise<ServedSubject | null>,
  ): Promise<ServedSubject | null> {
    const key = keyOf(idpId, openId);
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    }
    if (entry) this.remove(key, entry);
    const marker: Load = { idpId };
    this.loads.set(key, marker);
    try {
      const value = await load();
      if (value && this.loads.get(key) === marker)
        this.store(key, { idpId, value, expiresAt: this.now() + this.options.ttlMs });
      return value;
    } finally {
      if (this.loads.get(key) === marker) this.loads.delete(key);
    }
  }

  invalidate(idpId: string, openId: string): void {
    const key = keyOf(idpId, openId);
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
    this.loads.delete(key);
  }

  invalidateIdp(idpId: string): void {
    for (const [key, entry] of this.entries) if (entry.idpId === idpId) this.remove(key, entry);
    for (const [key, load] of this.loads) if (load.idpId === idpId) this.loads.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loads.clear();
    this.bytes = 0;
  }

  private store(key: string, entry: Entry): void {
    if (entry.value.body.length > this.options.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, entry);
    this.bytes += entry.value.body.length;
    for (const [oldest, victim] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest, victim);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.value.body.length;
  }
}

/** Length-prefixed, so no idpId/openId pair can collide with another. */
function keyOf(idpId: string, openId: string): string {
  return `${idpId.length}:${idpId}/${openId}`;
}
