import { ChildProcess, spawn } from 'node:child_process';
import { OutputTail } from './output-tail';

export interface JavaProcess {
  child: ChildProcess;
  tail: OutputTail;
  /** Set once the JVM is gone: the exit code or signal, for error messages. */
  exitReason(): string | undefined;
  exited: Promise<void>;
}

const liveJvms = new Set<ChildProcess>();

/** Last resort when Node exits without running the cleanup (an uncaught error): no JVM may outlive us. */
process.once('exit', () => {
  for (const child of liveJvms) child.kill('SIGKILL');
});

/** Own process group, so a terminal's Ctrl-C reaches the launcher, which stops the JVM in order. */
export function spawnJava(args: string[]): JavaProcess {
  const tail = new OutputTail();
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let reason: string | undefined;
  liveJvms.add(child);
  tail.follow(child.stdout);
  tail.follow(child.stderr);
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      reason = `cannot run java (is Java 17 installed?): ${error.message}`;
      liveJvms.delete(child);
      resolve();
    });
    child.once('exit', (code, signal) => {
      reason = signal ? `killed by ${signal}` : `exit code ${code}`;
      liveJvms.delete(child);
      resolve();
    });
  });
  return { child, tail, exited, exitReason: () => reason };
}

export async function runJavaToCompletion(args: string[], what: string): Promise<void> {
  const java = spawnJava(args);
  await java.exited;
  if (java.exitReason() !== 'exit code 0')
    throw new Error(`${what} failed (${java.exitReason()}):\n${java.tail.text()}`);
}

export async function stopJava(java: JavaProcess, graceMs: number): Promise<void> {
  if (java.exitReason() !== undefined) return;
  java.child.kill('SIGTERM');
  const timer = setTimeout(() => java.child.kill('SIGKILL'), graceMs);
  await java.exited;
  clearTimeout(timer);
}
