import { readFileSync } from 'node:fs';
import { KafkaConfig, OauthbearerProviderResponse, SASLOptions } from 'kafkajs';
import { TransportEnv } from '@app/config';

type Fetch = typeof fetch;

/** kafkajs's `ssl` and `sasl` from the validated environment; the PEM files are read once, at boot. */
export function kafkaConnectionSecurity(
  env: TransportEnv,
  fetchImpl: Fetch = fetch,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const protocol = env.KAFKA_SECURITY_PROTOCOL;
  return {
    ...(protocol.endsWith('SSL') && { ssl: tlsOptions(env) }),
    ...(protocol.startsWith('SASL_') && { sasl: saslOptions(env, fetchImpl) }),
  };
}

function tlsOptions(env: TransportEnv): KafkaConfig['ssl'] {
  const read = (file?: string) => (file === undefined ? undefined : readFileSync(file, 'utf8'));
  const ca = read(env.KAFKA_SSL_CA_FILE);
  const cert = read(env.KAFKA_SSL_CERT_FILE);
  const key = read(env.KAFKA_SSL_KEY_FILE);
  return { rejectUnauthorized: true, ...(ca && { ca: [ca] }), ...(cert && key && { cert, key }) };
}

function saslOptions(env: TransportEnv, fetchImpl: Fetch): SASLOptions {
  const username = env.KAFKA_SASL_USERNAME!;
  const password = env.KAFKA_SASL_PASSWORD!;
  switch (env.KAFKA_SASL_MECHANISM) {
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    case 'OAUTHBEARER':
      return {
        mechanism: 'oauthbearer',
        oauthBearerProvider: clientCredentialsTokens(
          {
            tokenUrl: env.KAFKA_SASL_OAUTHBEARER_TOKEN_URL!,
            clientId: env.KAFKA_SASL_OAUTHBEARER_CLIENT_ID!,
            clientSecret: env.KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET!,
            scope: env.KAFKA_SASL_OAUTHBEARER_SCOPE,
          },
          fetchImpl,
        ),
      };
    case undefined:
      throw new Error('KAFKA_SASL_MECHANISM is required with SASL_PLAINTEXT or SASL_SSL');
  }
}

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

/**
 * OAuth 2.0 client-credentials tokens (RFC 6749 §4.4) for SASL/OAUTHBEARER, reused for four fifths of their
 * lifetime; connections asking at once share one request.
 */
export function clientCredentialsTokens(
  client: ClientCredentials,
  fetchImpl: Fetch = fetch,
  now: () => number = Date.now,
): () => Promise<OauthbearerProviderResponse> {
  let cached: { value: string; renewAt: number } | undefined;
  let inFlight: Promise<OauthbearerProviderResponse> | undefined;
  const request = async (): Promise<OauthbearerProviderResponse> => {
    const response = await fetchImpl(client.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        ...(client.scope && { scope: client.scope }),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`Kafka OAuth token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new Error('Kafka OAuth token endpoint answered without an access_token');
    }
    const lifetimeMs =
      (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300) * 1000;
    cached = { value: body.access_token, renewAt: now() + lifetimeMs * 0.8 };
    return { value: body.access_token };
  };
  return () => {
    if (cached && now() < cached.renewAt) return Promise.resolve({ value: cached.value });
    inFlight ??= request().finally(() => (inFlight = undefined));
    return inFlight;
  };
}
