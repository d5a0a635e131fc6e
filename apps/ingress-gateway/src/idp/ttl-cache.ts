interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A bounded read-through cache: fresh entries for `ttlMs`, one load in flight per key, and the
 * last known value kept past expiry for when a reload fails (the database is briefly away).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly loading = new Map<K, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return Promise.resolve(entry.value);
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const loaded = this.reload(key, load, entry);
    this.loading.set(key, loaded);
    return loaded;
  }

  private async reload(key: K, load: (key: K) => Promise<V>, stale: Entry<V> | undefined): Promise<V> {
    try {
      const value = await load(key);
      this.store(key, value);
      return value;
    } catch (error) {
      if (stale) return stale.value;
      throw error;
    } finally {
      this.loading.delete(key);
    }
  }

  private store(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
  }
}
