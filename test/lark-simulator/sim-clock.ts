/**
 * Wall clock with a test-controlled offset, so token and code expiry can be tested without waiting.
 * Constructed with `frozenAtMs`, it stands still except for `advance`.
 */
export class SimClock {
  private offsetMs = 0;

  constructor(private readonly frozenAtMs?: number) {}

  now(): number {
    return (this.frozenAtMs ?? Date.now()) + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
