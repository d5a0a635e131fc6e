import { Injectable } from '@nestjs/common';

/** The runs this process works on (runs, dry runs, approvals): the heartbeat keeps them alive. */
@Injectable()
export class InFlightRuns {
  private readonly runs = new Map<string, Promise<unknown>>();

  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  ids(): string[] {
    return [...this.runs.keys()];
  }

  /** Counts the run as in flight until `work` settles; returns `work`. */
  track<T>(runId: string, work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.runs.delete(runId));
    this.runs.set(runId, tracked);
    return tracked;
  }

  /** Resolves when every run this process started has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs.values()]);
  }
}
