interface Waiter<V> {
  resolve: (value: V | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the loads asked for in one turn of the event loop into one call per group (e.g. one query
 * per IdP for every subject looked up meanwhile), so a burst of cache misses costs one round trip.
 */
export class BatchLoader<V> {
  private pending = new Map<string, Map<string, Waiter<V>[]>>();
  private scheduled = false;

  constructor(private readonly loadMany: (group: string, keys: string[]) => Promise<Map<string, V>>) {}

  load(group: string, key: string): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const keys = this.pending.get(group) ?? new Map<string, Waiter<V>[]>();
      this.pending.set(group, keys);
      keys.set(key, [...(keys.get(key) ?? []), { resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [group, keys] of batch) void this.loadGroup(group, keys);
  }

  private async loadGroup(group: string, keys: Map<string, Waiter<V>[]>): Promise<void> {
    try {
      const found = await this.loadMany(group, [...keys.keys()]);
      for (const [key, waiters] of keys) for (const waiter of waiters) waiter.resolve(found.get(key) ?? null);
    } catch (error) {
      for (const waiters of keys.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
