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
  value: ServedSubject;
  expiresAt: number;
}

/** Marks one load in flight; an invalidation withdraws it so a load that raced a commit is not kept. */
type Load = object;

/**
 * Bounded LRU of served subject documents in front of `projection_subject` (the single source of truth).
 * Every commit's subjects are invalidated (this process's at once, every instance's through
 * SubjectCacheListener); while those notices cannot be trusted the cache is suspended. `ttlMs` bounds
 * the age of an entry all the same.
 */
export class SubjectDocumentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new Map<string, Load>();
  private bytes = 0;
  private storing = true;

  constructor(
    private readonly options: SubjectCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached subject, if any: answered without waiting, for the hot path. */
  get(idpId: string, openId: string): ServedSubject | undefined {
    const key = keyOf(idpId, openId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.value.body.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The cached subject, or the loader's answer (kept unless invalidated while it loaded). null is not cached. */
  async lookup(
    idpId: string,
    openId: string,
    load: () => Promise<ServedSubject | null>,
  ): Promise<ServedSubject | null> {
    const cached = this.get(idpId, openId);
    if (cached) return cached;
    const key = keyOf(idpId, openId);
    if (!this.storing) return load();
    const marker: Load = {};
    this.loads.set(key, marker);
    try {
      const value = await load();
      if (value && this.loads.get(key) === marker)
        this.store(key, { value, expiresAt: this.now() + this.options.ttlMs });
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

  /** Every subject of one IdP (its keys share the `keyOf(idpId, '')` prefix). */
  invalidateIdp(idpId: string): void {
    const prefix = keyOf(idpId, '');
    for (const [key, entry] of this.entries) if (key.startsWith(prefix)) this.remove(key, entry);
    for (const key of this.loads.keys()) if (key.startsWith(prefix)) this.loads.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loads.clear();
    this.bytes = 0;
  }

  /** Empties the cache and serves every lookup from its loader until `resume`. */
  suspend(): void {
    this.storing = false;
    this.clear();
  }

  /** Caches again, from empty: whatever was loaded meanwhile may predate a missed invalidation. */
  resume(): void {
    this.clear();
    this.storing = true;
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
