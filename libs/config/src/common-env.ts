import { Transform } from 'class-transformer';
import { isIP } from 'node:net';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { TransportEnv } from './transport-env';

const HOST_PORT_LIST = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}(,[A-Za-z0-9.\-[\]:]+:\d{1,5})*$/;

export function toInt({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, extra] = entry.trim().split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

function IsAddressList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAddressList',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.split(',').every(isAddressOrCidr),
      },
    },
    options,
  );
}

/** Variables every app reads: where Kafka and PostgreSQL are (and how to reach them), and where to export traces. */
export class BaseEnv extends TransportEnv {
  @Matches(HOST_PORT_LIST, { message: 'must be a comma-separated list of host:port bootstrap servers' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection string' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/larksync';

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  @Matches(/^(fatal|error|warn|info|debug|trace|silent)$/, { message: 'must be a pino level' })
  LOG_LEVEL = 'info';

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  /**
   * Addresses (or CIDRs) of the reverse proxies in front of the app, whose X-Forwarded-For is believed. Unset, the
   * client address is the peer's: anyone could otherwise pick the address that rate limits and audit records see.
   */
  @IsOptional()
  @IsAddressList({
    message: 'must be a comma-separated list of IP addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
  })
  TRUSTED_PROXIES?: string;
}

/** Fastify's `trustProxy`: only the configured proxies, never every peer. */
export function trustedProxies(env: Pick<BaseEnv, 'TRUSTED_PROXIES'>): string[] | false {
  const list = env.TRUSTED_PROXIES?.split(',').map((entry) => entry.trim());
  return list && list.length > 0 ? list : false;
}

export type ListeningEnv = BaseEnv & { PORT: number; MANAGEMENT_PORT?: number };

/** Adds PORT with the app's default, and MANAGEMENT_PORT. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withPort(defaultPort: number): new (...args: any[]) => ListeningEnv {
  class PortEnv extends BaseEnv {
    @Transform(toInt)
    @IsInt({ message: 'must be an integer' })
    @Min(1)
    @Max(65535)
    PORT = defaultPort;

    /** Serve /health/* and /metrics here instead of on PORT (the gateway's PORT faces the internet). */
    @IsOptional()
    @Transform(toInt)
    @IsInt({ message: 'must be an integer' })
    @Min(1)
    @Max(65535)
    @ValidateBy(
      {
        name: 'differsFromPort',
        validator: { validate: (value: unknown, args) => value !== (args?.object as PortEnv).PORT },
      },
      { message: 'must differ from PORT' },
    )
    MANAGEMENT_PORT?: number;
  }
  return PortEnv;
}

export function kafkaBrokerList(env: BaseEnv): string[] {
  return env.KAFKA_BROKERS.split(',').map((broker) => broker.trim());
}
