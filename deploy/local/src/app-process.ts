import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from './repo-root';

export const APP_NAMES = ['ingress-gateway', 'directory', 'scheduler', 'policy-projector'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** Node flags an app ships with (keep in step with Dockerfile and docker-compose.yml). */
export const APP_NODE_ARGS: Partial<Record<AppName, string[]>> = {
  // A full sync of a large org makes garbage fast; without a cap V8 lets it grow to gigabytes.
  directory: ['--max-old-space-size=384'],
};

export interface RunningApp {
  name: AppName;
  url: string;
  /** Where /health/* and /metrics are: `url`, or the MANAGEMENT_PORT the app was given. */
  managementUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a built app (`dist/apps/<name>/src/main.js`) and resolves once `/health/ready` says so.
 * Its JSON log goes to `logFile` when given, else to this terminal.
 */
export async function startApp(
  name: AppName,
  port: number,
  env: NodeJS.ProcessEnv,
  logFile?: string,
  timeoutMs = 60_000,
): Promise<RunningApp> {
  const main = join(findRepoRoot(), 'dist', 'apps', name, 'src', 'main.js');
  const output = logFile ? openSync(logFile, 'a') : 'inherit';
  const child = spawn(process.execPath, [...(APP_NODE_ARGS[name] ?? []), main], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', output, output],
  });
  const url = `http://127.0.0.1:${port}`;
  const managementUrl = env.MANAGEMENT_PORT ? `http://127.0.0.1:${env.MANAGEMENT_PORT}` : url;
  const app: RunningApp = { name, url, managementUrl, process: child, stop: () => stopProcess(child) };
  await waitUntilReady(app, timeoutMs);
  return app;
}

async function waitUntilReady(
  { name, managementUrl, process: child }: RunningApp,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    const ready = await fetch(`${managementUrl}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopProcess(child);
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

/** SIGTERM (the app drains its in-flight batch), then SIGKILL if it hangs. */
export function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
