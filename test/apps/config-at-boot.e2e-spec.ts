import { TEST_MASTER_KEY } from '@app/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const APPS = ['ingress-gateway', 'directory', 'scheduler', 'policy-projector'] as const;
const root = join(__dirname, '..', '..');

const validEnv = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
  DATABASE_URL: process.env.DATABASE_URL!,
  LARKSYNC_MASTER_KEY: TEST_MASTER_KEY,
  LARKSYNC_ADMIN_TOKEN: 'config-at-boot-admin-token',
};

interface Exit {
  status: number | null;
  stderr: string;
}

function boot(app: string, env: Record<string, string | undefined>): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'apps', app, 'src', 'main.js')], {
      env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
      timeout: 45_000,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('each app at boot (built apps, real processes)', () => {
  const malformed: Record<string, Exit> = {};
  let missingMasterKey: Exit[];
  let missingAdminToken: Exit;

  beforeAll(async () => {
    const bad = {
      ...validEnv,
      KAFKA_BROKERS: 'no port here',
      PORT: 'http',
      DATABASE_URL: 'mysql://x',
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      DATABASE_SSL_ROOT_CERT: '/nowhere/ca.pem',
    };
    const runs = await Promise.all([
      ...APPS.map((app) => boot(app, bad)),
      boot('ingress-gateway', { ...validEnv, LARKSYNC_MASTER_KEY: undefined }),
      boot('directory', { ...validEnv, LARKSYNC_MASTER_KEY: undefined }),
      boot('directory', {
        ...validEnv,
        LARKSYNC_ADMIN_TOKEN: undefined,
        LARKSYNC_MASTER_KEY: 'not-base64-secret!',
      }),
    ]);
    APPS.forEach((app, index) => (malformed[app] = runs[index]));
    missingMasterKey = runs.slice(APPS.length, APPS.length + 2);
    missingAdminToken = runs[APPS.length + 2];
  });

  it.each(APPS)('%s should exit 1 naming every malformed variable', (app) => {
    const { status, stderr } = malformed[app];
    expect(status).toBe(1);
    expect(stderr).toMatch(/KAFKA_BROKERS: must be a comma-separated list of host:port/);
    expect(stderr).toMatch(/PORT: must be an integer/);
    expect(stderr).toMatch(/DATABASE_URL: must be a postgres:\/\/ connection string/);
    expect(stderr).toMatch(/KAFKA_SASL_PASSWORD: is required with the PLAIN and SCRAM mechanisms/);
    expect(stderr).toMatch(/DATABASE_SSL_ROOT_CERT: must be the path of a readable PEM file/);
  });

  it('should refuse to start the gateway and the directory without LARKSYNC_MASTER_KEY', () => {
    for (const { status, stderr } of missingMasterKey) {
      expect(status).toBe(1);
      expect(stderr).toMatch(/LARKSYNC_MASTER_KEY: is required/);
    }
  });

  it('should refuse to start the directory without LARKSYNC_ADMIN_TOKEN, never echoing a secret', () => {
    expect(missingAdminToken.status).toBe(1);
    expect(missingAdminToken.stderr).toMatch(/LARKSYNC_ADMIN_TOKEN: is required/);
    expect(missingAdminToken.stderr).not.toContain('not-base64-secret!');
  });
});
