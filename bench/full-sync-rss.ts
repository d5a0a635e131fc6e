/** Samples this process's RSS every `intervalMs`; `peak` is the highest sample since the last reset. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  peak = 0;
  readonly samples: { at: number; rss: number; heapUsed: number }[] = [];

  start(intervalMs = 100): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  reset(): void {
    this.peak = process.memoryUsage().rss;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Highest RSS and heap sampled in [from, to]. */
  peakBetween(from: number, to: number): { rss: number; heapUsed: number } {
    const inRange = this.samples.filter((sample) => sample.at >= from && sample.at <= to);
    return {
      rss: Math.max(0, ...inRange.map((s) => s.rss)),
      heapUsed: Math.max(0, ...inRange.map((s) => s.heapUsed)),
    };
  }

  private sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    this.peak = Math.max(this.peak, rss);
    this.samples.push({ at: Date.now(), rss, heapUsed });
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
