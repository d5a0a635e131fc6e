/**
 * Generation benchmark for the Lark simulator: time to build a 100k-user org, start serving it,
 * and the resident memory it takes. Run after `npm run build`: node dist/bench/lark-sim-generate.js [users]
 */
import { startLarkSimulator } from '../test/lark-simulator';

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? 100_000);
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const simulator = await startLarkSimulator({ seed: 42, users });
  const readyMs = performance.now() - started;
  const token = await fetch(`${simulator.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST',
    body: JSON.stringify({
      app_id: simulator.apps.first().appId,
      app_secret: simulator.apps.first().appSecret,
    }),
  }).then((r) => r.json() as Promise<{ tenant_access_token: string }>);
  const firstPageStarted = performance.now();
  const page = await fetch(`${simulator.url}/open-apis/contact/v3/departments/0/children?page_size=50`, {
    headers: { authorization: `Bearer ${token.tenant_access_token}` },
  });
  const firstPageMs = performance.now() - firstPageStarted;
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(
    JSON.stringify({
      users: simulator.org.userCount,
      departments: simulator.org.departmentCount,
      readyMs: Math.round(readyMs),
      firstPageStatus: page.status,
      firstPageMs: Math.round(firstPageMs),
      rssMiB: mib(process.memoryUsage().rss),
      rssGrowthMiB: mib(process.memoryUsage().rss - rssBefore),
      heapUsedMiB: mib(process.memoryUsage().heapUsed),
    }),
  );
  await simulator.stop();
}

void main();
