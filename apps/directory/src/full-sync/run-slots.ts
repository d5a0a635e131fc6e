/** At most `limit` full syncs at once in this replica; the others wait their turn, first come, first served. */
export class RunSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('a replica needs at least one full-sync slot');
  }

  /** Resolves with the slot's release once one is free. */
  async acquire(): Promise<() => void> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // the slot passes straight to the next in line, so nobody can overtake it
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  get full(): boolean {
    return this.active >= this.limit;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
