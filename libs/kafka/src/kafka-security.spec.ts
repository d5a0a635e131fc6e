import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseEnv, loadConfig } from '@app/config';
import { clientCredentialsTokens, kafkaConnectionSecurity } from './kafka-security';

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const caFile = join(dir, 'ca.pem');
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
writeFileSync(caFile, CA);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const security = (env: NodeJS.ProcessEnv) => kafkaConnectionSecurity(loadConfig(BaseEnv, env));

function tokenEndpoint(...answers: Array<{ status?: number; body: unknown }>) {
  const requests: Array<{ headers: Record<string, string>; body: string }> = [];
  const fetchImpl = jest.fn(async (_url: unknown, init?: RequestInit) => {
    requests.push({ headers: init!.headers as Record<string, string>, body: String(init!.body) });
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200 });
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, requests };
}

describe('kafkaConnectionSecurity', () => {
  it('should add nothing for a plaintext broker', () => {
    expect(security({})).toEqual({});
  });

  it('should verify the brokers against the configured CA over SSL', () => {
    expect(security({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: caFile })).toEqual({
      ssl: { rejectUnauthorized: true, ca: [CA] },
    });
  });

  it.each([
    ['PLAIN', 'plain'],
    ['SCRAM-SHA-256', 'scram-sha-256'],
    ['SCRAM-SHA-512', 'scram-sha-512'],
  ])('should map %s to kafkajs mechanism %s', (mechanism, kafkajsMechanism) => {
    const env = {
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: 'larksync',
      KAFKA_SASL_PASSWORD: 'pw',
    };
    expect(security(env)).toEqual({
      sasl: { mechanism: kafkajsMechanism, username: 'larksync', password: 'pw' },
    });
  });

  it('should use system CAs for SASL_SSL without a CA file', () => {
    const env = {
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'PLAIN',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    };
    expect(security(env).ssl).toEqual({ rejectUnauthorized: true });
  });
});

describe('clientCredentialsTokens', () => {
  const client = {
    tokenUrl: 'https://idp.example/token',
    clientId: 'kafka client',
    clientSecret: 's3cret',
    scope: 'kafka',
  };

  it('should post a client-credentials grant with HTTP Basic client authentication', async () => {
    const { fetchImpl, requests } = tokenEndpoint({ body: { access_token: 'T1', expires_in: 3600 } });
    await expect(clientCredentialsTokens(client, fetchImpl)()).resolves.toEqual({ value: 'T1' });
    expect(requests[0].body).toBe('grant_type=client_credentials&scope=kafka');
    expect(Buffer.from(requests[0].headers.authorization.replace('Basic ', ''), 'base64').toString()).toBe(
      'kafka%20client:s3cret',
    );
  });

  it('should reuse a token for four fifths of its lifetime, then fetch a new one', async () => {
    let now = 0;
    const { fetchImpl, requests } = tokenEndpoint(
      { body: { access_token: 'T1', expires_in: 3600 } },
      { body: { access_token: 'T2', expires_in: 3600 } },
    );
    const tokens = clientCredentialsTokens(client, fetchImpl, () => now);
    await tokens();
    now = 2_879_000;
    await expect(tokens()).resolves.toEqual({ value: 'T1' });
    now = 2_880_000;
    await expect(tokens()).resolves.toEqual({ value: 'T2' });
    expect(requests).toHaveLength(2);
  });

  it('should reuse even a short-lived token for most of its life', async () => {
    let now = 0;
    const { fetchImpl, requests } = tokenEndpoint({ body: { access_token: 'T1', expires_in: 30 } });
    const tokens = clientCredentialsTokens(client, fetchImpl, () => now);
    await tokens();
    now = 23_000;
    await tokens();
    expect(requests).toHaveLength(1);
  });

  it('should share one request between connections asking at once', async () => {
    const { fetchImpl, requests } = tokenEndpoint({ body: { access_token: 'T1', expires_in: 60 } });
    const tokens = clientCredentialsTokens(client, fetchImpl);
    await Promise.all([tokens(), tokens(), tokens()]);
    expect(requests).toHaveLength(1);
  });

  it('should fail with the status alone, never the secret, and try again on the next call', async () => {
    const { fetchImpl, requests } = tokenEndpoint(
      { status: 401, body: { error: 'invalid_client' } },
      { body: { access_token: 'T1' } },
    );
    const tokens = clientCredentialsTokens(client, fetchImpl);
    await expect(tokens()).rejects.toThrow(/^Kafka OAuth token endpoint answered 401$/);
    await expect(tokens()).resolves.toEqual({ value: 'T1' });
    expect(requests).toHaveLength(2);
  });

  it('should refuse an answer without an access token', async () => {
    const { fetchImpl } = tokenEndpoint({ body: { token_type: 'bearer' } });
    await expect(clientCredentialsTokens(client, fetchImpl)()).rejects.toThrow(/without an access_token/);
  });
});
