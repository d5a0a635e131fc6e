import { ChildProcess, spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { CleanupStack } from './cleanup-stack';
import { logInfra } from './infra-log';
import { Infra, startInfra } from './infra';
import { findRepoRoot } from './repo-root';
import { exitCodeFor, parseWithInfraArgs, WithInfraArgs } from './with-infra-args';

/*
 * Runs a command with KAFKA_BROKERS and DATABASE_URL pointing at infrastructure started for it,
 * and stops that infrastructure whatever happens to the command: exit, failure, or a signal.
 */
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

class WithInfraRun {
  private readonly cleanup = new CleanupStack();
  private startup?: Promise<Infra>;
  private child?: ChildProcess;
  private interruptedBy?: NodeJS.Signals;
  private finishing?: Promise<never>;

  constructor(private readonly options: WithInfraArgs) {}

  async run(): Promise<void> {
    for (const signal of FORWARDED_SIGNALS) process.on(signal, () => this.onSignal(signal));
    this.startup = startInfra({ purpose: this.options.purpose, cleanup: this.cleanup });
    let infra: Infra;
    try {
      infra = await this.startup;
    } catch (error) {
      if (!this.interruptedBy) logInfra(`could not start the infrastructure: ${(error as Error).message}`);
      return void this.finish(this.interruptedBy ? exitCodeFor(null, this.interruptedBy) : 1);
    }
    if (this.interruptedBy) return void this.finish(exitCodeFor(null, this.interruptedBy));
    this.child = this.spawnCommand(infra);
  }

  private spawnCommand(infra: Infra): ChildProcess {
    const bin = join(findRepoRoot(), 'node_modules', '.bin');
    const env = {
      ...process.env,
      KAFKA_BROKERS: infra.kafkaBrokers,
      DATABASE_URL: infra.databaseUrl,
      KAFKAJS_NO_PARTITIONER_WARNING: process.env.KAFKAJS_NO_PARTITIONER_WARNING ?? '1',
      PATH: [bin, process.env.PATH].filter(Boolean).join(delimiter),
    };
    // Its own process group, so a signal reaches every process under it (npx, sh, jest), as Ctrl-C would.
    const child = spawn(this.options.command, this.options.args, { stdio: 'inherit', env, detached: true });
    child.once('error', (error) => {
      logInfra(`could not run ${this.options.command}: ${error.message}`);
      void this.finish(127);
    });
    child.once('exit', (code, signal) => void this.finish(exitCodeFor(code, signal)));
    return child;
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.interruptedBy) {
      logInfra(`${signal} again: killing ${this.options.command}`);
      this.signalChildGroup('SIGKILL');
      return;
    }
    this.interruptedBy = signal;
    logInfra(`${signal}: stopping`);
    if (!this.signalChildGroup(signal)) void this.finish(exitCodeFor(null, signal));
  }

  private signalChildGroup(signal: NodeJS.Signals): boolean {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return false;
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
    return true;
  }

  private finish(exitCode: number): Promise<never> {
    this.finishing ??= this.stopEverything().then(() => process.exit(exitCode));
    return this.finishing;
  }

  private async stopEverything(): Promise<void> {
    await this.cleanup.run();
    // A start still in flight may register more to undo; wait for it, then undo that too.
    await this.startup?.catch(() => undefined);
    await this.cleanup.run();
    logInfra('infrastructure stopped');
  }
}

function main(): void {
  let options: WithInfraArgs;
  try {
    options = parseWithInfraArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  void new WithInfraRun(options).run();
}

main();
