import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppName, stopProcess } from '../../../deploy/local/src/app-process';

const ROOT = join(__dirname, '..', '..', '..');

/** A built app run as a child process whose stdout and stderr lines are kept for assertions. */
export interface CapturedApp {
  name: AppName;
  url: string;
  process: ChildProcess;
  /** Every complete line the app wrote, stdout and stderr interleaved. */
  readonly lines: string[];
  stop(): Promise<void>;
}

function lineCollector(lines: string[]): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.trim() !== ''));
  };
}

/**
 * Like deploy/local's startApp (`dist/apps/<name>/src/main.js`, ready on `/health/ready`), but with the
 * output piped so a test can read the structured log lines.
 */
export async function startCapturedApp(
  name: AppName,
  port: number,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<CapturedApp> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout.on('data', lineCollector(lines));
  child.stderr.on('data', lineCollector(lines));
  const app: CapturedApp = {
    name,
    url: `http://127.0.0.1:${port}`,
    process: child,
    lines,
    stop: () => stopProcess(child),
  };
  try {
    await waitUntilReady(app, timeoutMs);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

async function waitUntilReady(
  { name, url, process: child, lines }: CapturedApp,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `${name} exited with code ${child.exitCode} while starting:\n${lines.slice(-20).join('\n')}`,
      );
    if (
      await fetch(`${url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${lines.slice(-20).join('\n')}`);
}
