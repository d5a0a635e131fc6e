import { ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@app/persistence';
import { findFreePorts } from '../deploy/local/src/free-port';
import { TEST_MASTER_KEY } from '@app/testing';
import { IdpFixtures } from '../apps/ingress-gateway/test/gateway-harness';
import { BenchApp, LoadResult, runLoad } from './gateway-load';
import { brokerPid, cpuMs } from './process-cpu';

/*
 * Gateway throughput and latency with real Kafka, side by side with the official SDK's webhook adapter
 * (decrypt + dispatch only), both receiving the same kind of encrypted, signed events over loopback.
 * Run: npm run build && node dist/deploy/local/src/with-infra.js -- node dist/bench/gateway.js
 * BENCH_SECONDS (default 10) bounds each phase; BENCH_GATEWAY_NODE_ARGS (e.g. --cpu-prof) go to the gateway's node.
 * Besides wall-clock numbers it prints CPU ms per event of the app, of the broker (gateway phases) and of
 * autocannon (this process): on a shared machine those stay comparable when events/s and latency do not.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const APP: BenchApp = {
  appId: 'cli_bench000000001',
  encryptKey: 'bench-encrypt-key',
  verificationToken: 'vt_bench',
};
const children: ChildProcess[] = [];

function startChild(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}

function portFromStdout(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /ready (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready`);
}

async function startGateway(): Promise<{ url: string; child: ChildProcess }> {
  await runMigrations(process.env.DATABASE_URL!);
  const idps = new IdpFixtures(process.env.DATABASE_URL!);
  await idps.connect();
  const idpId = await idps.create({
    appId: APP.appId,
    appSecret: 'unused',
    encryptKey: APP.encryptKey,
    verificationToken: APP.verificationToken,
  });
  await idps.close();
  const [port] = await findFreePorts(1);
  const nodeArgs = process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = startChild(
    'apps/ingress-gateway/src/main.js',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LARKSYNC_MASTER_KEY: TEST_MASTER_KEY,
      LOG_LEVEL: 'warn',
      // one IdP at full speed from one address: the limits would measure themselves
      WEBHOOK_RATE_LIMIT_PER_IDP: '100000',
      WEBHOOK_RATE_LIMIT_PER_ADDRESS: '100000',
    },
    nodeArgs,
  );
  child.stdout!.resume();
  await Promise.race([
    waitReady(`http://127.0.0.1:${port}/health/ready`),
    new Promise((_, reject) =>
      child.once('exit', (code) => reject(new Error(`gateway exited with ${code}`))),
    ),
  ]);
  return { url: `http://127.0.0.1:${port}/lark/events/${idpId}`, child };
}

async function startSdkAdapter(): Promise<{ url: string; child: ChildProcess }> {
  const child = startChild('bench/gateway-sdk-adapter.js', {
    BENCH_ENCRYPT_KEY: APP.encryptKey,
    BENCH_VERIFICATION_TOKEN: APP.verificationToken,
  });
  return { url: `http://127.0.0.1:${await portFromStdout(child)}/webhook/event`, child };
}

/** CPU milliseconds per acknowledged event of each process while `run` lasts. */
async function withCpu(
  pids: Record<string, number | undefined>,
  run: () => Promise<LoadResult>,
): Promise<{ result: LoadResult; cpu: string }> {
  const known = Object.entries(pids).filter((entry): entry is [string, number] => entry[1] !== undefined);
  const before = known.map(([, pid]) => cpuMs(pid));
  const result = await run();
  const cpu = known
    .map(([name, pid], index) => {
      const perEvent = (cpuMs(pid) - before[index]) / Math.max(1, result.ok);
      return `${name} ${perEvent.toFixed(3)}`;
    })
    .join(', ');
  return { result, cpu: `CPU ms/event: ${cpu}; load ${loadavg()[0].toFixed(1)}` };
}

async function measure(
  name: string,
  { url, child }: { url: string; child: ChildProcess },
  broker?: number,
): Promise<{ max: LoadResult; steady: LoadResult }> {
  const pids = { [name.split(' ')[0]]: child.pid, broker, autocannon: process.pid };
  await runLoad({ url, app: APP, seconds: 3, connections: CONNECTIONS });
  const max = await withCpu(pids, () =>
    runLoad({ url, app: APP, seconds: SECONDS, connections: CONNECTIONS }),
  );
  const steady = await withCpu(pids, () =>
    runLoad({ url, app: APP, seconds: SECONDS, connections: 50, rate: 1000 }),
  );
  const { eventsPerSecond, p99, failed } = max.result;
  const at = steady.result;
  process.stdout.write(
    `${name}: ${eventsPerSecond} events/s (p99 ${p99} ms, ${failed} failed; ${max.cpu})\n` +
      `  at 1,000/s: p50 ${at.p50} ms p99 ${at.p99} ms max ${at.max} ms (${at.failed} failed; ${steady.cpu})\n`,
  );
  return { max: max.result, steady: at };
}

async function main(): Promise<void> {
  process.stdout.write(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; ${new Date().toISOString()}\n`,
  );
  process.stdout.write(
    `phases: warm-up 3 s, max ${SECONDS} s with ${CONNECTIONS} connections, then ${SECONDS} s at 1,000 events/s\n`,
  );
  const [gatewayApp, sdkApp] = await Promise.all([startGateway(), startSdkAdapter()]);
  const sdk = await measure('SDK adapter (decrypt + dispatch)', sdkApp);
  const gateway = await measure('gateway (verify + decrypt + Kafka ack)', gatewayApp, brokerPid());
  const metrics = await fetch(new URL('/metrics', gatewayApp.url)).then((response) => response.text());
  const metric = (name: string) =>
    Number(new RegExp(`^${name}\\{[^}]*\\} ([0-9.e+-]+)$`, 'm').exec(metrics)?.[1] ?? NaN);
  const meanAckMs =
    (1000 * metric('larksync_gateway_publish_seconds_sum')) /
    metric('larksync_gateway_publish_seconds_count');
  process.stdout.write(
    `gateway: ${metric('larksync_gateway_events_published_total')} events published, mean Kafka ack ${meanAckMs.toFixed(1)} ms\n`,
  );
  const dispatched = await fetch(new URL('/dispatched', sdkApp.url)).then((response) => response.text());
  process.stdout.write(`SDK adapter: ${dispatched} events dispatched to the handler\n`);
  const ratio = gateway.max.eventsPerSecond / Math.max(1, sdk.max.eventsPerSecond);
  process.stdout.write(
    `ratio gateway/SDK: ${ratio.toFixed(2)}x (goal ≥ 1.0x); gateway p99 at 1,000/s: ${gateway.steady.p99} ms (goal < 50 ms)\n`,
  );
}

function stopChildren(): void {
  children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${(error as Error).stack}\n`);
    process.exitCode = 1;
  })
  .finally(stopChildren);
