/**
 * Runs `task` at once and then every `everyMs`, never two at a time; `stop` waits for the run in flight.
 * The task handles its own errors (a rejection would be unhandled). Its timer does not keep the process up.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.everyMs);
    this.timer.unref();
    void this.run();
  }

  /** Runs the task now, or joins the run in flight. */
  run(): Promise<void> {
    this.running ??= this.task().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
