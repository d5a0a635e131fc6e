import { readFileSync } from 'node:fs';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const KAFKA_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'] as const;
export const POSTGRES_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];
export type PostgresSslMode = (typeof POSTGRES_SSL_MODES)[number];

function readsAs(file: unknown, marker: RegExp): boolean {
  if (typeof file !== 'string') return false;
  try {
    return marker.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** A file this process can read now that holds a PEM block (checked at boot, not at the first connection). */
function IsPemFile(kind: 'CERTIFICATE' | 'PRIVATE KEY', options?: ValidationOptions): PropertyDecorator {
  const marker = new RegExp(`-----BEGIN [A-Z ]*${kind}-----`);
  return ValidateBy(
    {
      name: 'isPemFile',
      validator: { validate: (value: unknown) => readsAs(value, marker) },
    },
    { message: `must be the path of a readable PEM file holding a ${kind.toLowerCase()}`, ...options },
  );
}

const usesTls = (env: TransportEnv) => env.KAFKA_SECURITY_PROTOCOL.endsWith('SSL');
const usesSasl = (env: TransportEnv) => env.KAFKA_SECURITY_PROTOCOL.startsWith('SASL_');
const usesPassword = (env: TransportEnv) => usesSasl(env) && env.KAFKA_SASL_MECHANISM !== 'OAUTHBEARER';
const usesOAuth = (env: TransportEnv) => usesSasl(env) && env.KAFKA_SASL_MECHANISM === 'OAUTHBEARER';

/** How the apps reach Kafka and PostgreSQL in production: TLS, and SASL for Kafka, as managed services require. */
export class TransportEnv {
  @IsIn(KAFKA_SECURITY_PROTOCOLS, { message: `must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}` })
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol = 'PLAINTEXT';

  /** CA bundle the brokers' certificates chain to; unset, the system's CAs. */
  @ValidateIf(usesTls)
  @IsOptional()
  @IsPemFile('CERTIFICATE')
  KAFKA_SSL_CA_FILE?: string;

  /** Client certificate and key for brokers that authenticate clients by TLS (mutual TLS): both or neither. */
  @ValidateIf(
    (env: TransportEnv) => usesTls(env) && (env.KAFKA_SSL_CERT_FILE ?? env.KAFKA_SSL_KEY_FILE) !== undefined,
  )
  @IsPemFile('CERTIFICATE', {
    message: 'must be the path of a readable PEM certificate (set with KAFKA_SSL_KEY_FILE)',
  })
  KAFKA_SSL_CERT_FILE?: string;

  @ValidateIf(
    (env: TransportEnv) => usesTls(env) && (env.KAFKA_SSL_CERT_FILE ?? env.KAFKA_SSL_KEY_FILE) !== undefined,
  )
  @IsPemFile('PRIVATE KEY', {
    message: 'must be the path of a readable PEM private key (set with KAFKA_SSL_CERT_FILE)',
  })
  KAFKA_SSL_KEY_FILE?: string;

  @ValidateIf(usesSasl)
  @IsIn(KAFKA_SASL_MECHANISMS, {
    message: `is required with SASL_PLAINTEXT or SASL_SSL: one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
  })
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf(usesPassword)
  @IsString({ message: 'is required with the PLAIN and SCRAM mechanisms' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(usesPassword)
  @IsString({ message: 'is required with the PLAIN and SCRAM mechanisms' })
  KAFKA_SASL_PASSWORD?: string;

  /** OAUTHBEARER: the token endpoint of an OAuth 2.0 client-credentials grant, and the client it authenticates. */
  @ValidateIf(usesOAuth)
  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'is required with OAUTHBEARER: an http(s) URL' },
  )
  KAFKA_SASL_OAUTHBEARER_TOKEN_URL?: string;

  @ValidateIf(usesOAuth)
  @IsString({ message: 'is required with OAUTHBEARER' })
  KAFKA_SASL_OAUTHBEARER_CLIENT_ID?: string;

  @ValidateIf(usesOAuth)
  @IsString({ message: 'is required with OAUTHBEARER' })
  KAFKA_SASL_OAUTHBEARER_CLIENT_SECRET?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_OAUTHBEARER_SCOPE?: string;

  /** Unset: what DATABASE_URL says (`?sslmode=`), else no TLS. */
  @IsOptional()
  @IsIn(POSTGRES_SSL_MODES, { message: `must be one of ${POSTGRES_SSL_MODES.join(', ')}` })
  DATABASE_SSL_MODE?: PostgresSslMode;

  /** CA bundle for verify-ca and verify-full; unset, the system's CAs. */
  @IsOptional()
  @IsPemFile('CERTIFICATE')
  DATABASE_SSL_ROOT_CERT?: string;
}
