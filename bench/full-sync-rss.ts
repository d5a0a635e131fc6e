/** Samples this process's RSS every `intervalMs`; `peak` is the highest sample since the last reset. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  peak = 0;

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

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
