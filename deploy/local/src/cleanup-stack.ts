import { logInfra } from './infra-log';

type CleanupStep = { name: string; run: () => Promise<void> };

/**
 * Undo steps registered as resources come to life, run newest first, exactly once.
 * A step added after the stack ran (a start that was still in flight) runs at once.
 */
export class CleanupStack {
  private readonly steps: CleanupStep[] = [];
  private running?: Promise<void>;

  add(name: string, run: () => Promise<void>): void {
    if (this.running) {
      this.running = this.running.then(() => runStep({ name, run }));
      return;
    }
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  private async runAll(): Promise<void> {
    for (const step of this.steps.reverse()) await runStep(step);
  }
}

async function runStep(step: CleanupStep): Promise<void> {
  try {
    await step.run();
  } catch (error) {
    logInfra(`cleanup of ${step.name} failed: ${(error as Error).message}`);
  }
}
