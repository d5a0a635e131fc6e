import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseEnv, ConfigError, loadConfig } from './index';

const dir = mkdtempSync(join(tmpdir(), 'transport-env-'));
const caFile = join(dir, 'ca.pem');
const keyFile = join(dir, 'client.key');
const notPem = join(dir, 'notes.txt');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
writeFileSync(notPem, 'hello');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(BaseEnv, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
}

describe('TransportEnv', () => {
  it('should default to plaintext Kafka and leave PostgreSQL TLS to the URL', () => {
    const config = loadConfig(BaseEnv, {});
    expect(config.KAFKA_SECURITY_PROTOCOL).toBe('PLAINTEXT');
    expect(config.DATABASE_SSL_MODE).toBeUndefined();
  });

  it('should accept SASL_SSL with SCRAM, a CA file and a client certificate', () => {
    const env = {
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'larksync',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_SSL_CA_FILE: caFile,
      KAFKA_SSL_CERT_FILE: caFile,
      KAFKA_SSL_KEY_FILE: keyFile,
    };
    expect(problems(env)).toEqual([]);
  });

  it.each([
    [{ KAFKA_SECURITY_PROTOCOL: 'TLS' }, 'KAFKA_SECURITY_PROTOCOL'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'GSSAPI' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_MECHANISM: 'PLAIN' }, 'KAFKA_SASL_USERNAME'],
    [
      { KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' },
      'KAFKA_SASL_PASSWORD',
    ],
    [
      { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'OAUTHBEARER' },
      'KAFKA_SASL_OAUTHBEARER_TOKEN_URL',
    ],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }, 'KAFKA_SSL_CA_FILE'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: notPem }, 'KAFKA_SSL_CA_FILE'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: caFile }, 'KAFKA_SSL_KEY_FILE'],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_KEY_FILE: caFile }, 'KAFKA_SSL_KEY_FILE'],
    [{ DATABASE_SSL_MODE: 'prefer' }, 'DATABASE_SSL_MODE'],
    [{ DATABASE_SSL_ROOT_CERT: keyFile }, 'DATABASE_SSL_ROOT_CERT'],
  ])('should name the variable when %p is incomplete or wrong', (env, variable) => {
    expect(problems(env).join('\n')).toMatch(new RegExp(`^${variable}:`, 'm'));
  });

  it('should not ask for SASL or TLS settings that the protocol does not use', () => {
    expect(problems({ KAFKA_SASL_MECHANISM: 'GSSAPI', KAFKA_SSL_CA_FILE: notPem })).toEqual([]);
  });

  it('should never echo a password in its problems', () => {
    const listed = problems({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-999',
      KAFKA_SASL_PASSWORD: 'hunter2-secret',
    });
    expect(listed.join('\n')).not.toMatch(/hunter2/);
    expect(listed.length).toBeGreaterThan(0);
  });
});
