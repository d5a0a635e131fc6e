import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_APP, SimAppConfig } from './sim-apps';
import { DEFAULT_SEED, DEFAULT_USERS, LarkSimulatorOptions, startLarkSimulator } from './simulator';

const USAGE = `Usage: npm run lark-sim -- [--port 9400] [--host 127.0.0.1] [--seed 42] [--users 100] [--departments N]
       [--speed-factor 1] [--request-url URL] [--auto-consent ou_…] [--config apps.json]
--config: JSON {"apps":[{appId, appSecret, encryptKey, verificationToken, requestUrl, redirectUris, scope, missingPermissions}], "tenantKey"?}`;

interface ConfigFile {
  apps?: SimAppConfig[];
  tenantKey?: string;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`--${name} must be an integer`);
  return parsed;
}

export function parseCliOptions(argv: string[]): LarkSimulatorOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '9400' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      users: { type: 'string' },
      departments: { type: 'string' },
      'speed-factor': { type: 'string' },
      'request-url': { type: 'string' },
      'auto-consent': { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const config: ConfigFile = values.config
    ? (JSON.parse(readFileSync(values.config, 'utf8')) as ConfigFile)
    : {};
  const apps = (config.apps ?? [{ ...DEFAULT_APP }]).map((app) =>
    values['request-url'] ? { ...app, requestUrl: values['request-url'] } : app,
  );
  return {
    help: values.help ?? false,
    port: integer(values.port, 'port'),
    host: values.host,
    seed: integer(values.seed, 'seed') ?? DEFAULT_SEED,
    users: integer(values.users, 'users') ?? DEFAULT_USERS,
    departments: integer(values.departments, 'departments'),
    speedFactor: values['speed-factor'] ? Number(values['speed-factor']) : undefined,
    autoConsentOpenId: values['auto-consent'],
    tenantKey: config.tenantKey,
    apps,
  };
}

/** Default credentials are public test values, so printing them is what makes the simulator easy to point at. */
function describeApp(app: SimAppConfig): string {
  const isDefault = app.appSecret === DEFAULT_APP.appSecret;
  const secrets = isDefault
    ? `App Secret ${app.appSecret}, Encrypt Key ${app.encryptKey}, Verification Token ${app.verificationToken}`
    : 'secrets from the config file (not printed)';
  return `  app ${app.appId}: ${secrets}; Request URL ${app.requestUrl ?? '(none)'}; scope ${app.scope?.kind ?? 'all'}`;
}

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const started = Date.now();
  const simulator = await startLarkSimulator(options);
  console.log(`Lark simulator listening on ${simulator.url} (seed ${options.seed})`);
  console.log(
    `  serving ${simulator.org.userCount} users and ${simulator.org.departmentCount} departments, tenant ${simulator.org.tenantKey}; ready in ${Date.now() - started} ms`,
  );
  simulator.apps.list().forEach((app) => console.log(describeApp(app)));
  console.log(
    `  SDK: new Client({ appId, appSecret, domain: '${simulator.url}' }); admin API under ${simulator.url}/_sim/`,
  );
  const shutdown = () => void simulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(1);
  });
}
