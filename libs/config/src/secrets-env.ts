import { IsBase64, IsOptional, IsString, IsUrl, Length, Matches, MinLength } from 'class-validator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** Adds LARKSYNC_MASTER_KEY: 32 random bytes, base64 (e.g. `openssl rand -base64 32`). */
export function withMasterKey<B extends Constructor>(Base: B) {
  class MasterKeyEnv extends Base {
    @IsString({ message: 'is required (32 random bytes, base64)' })
    @IsBase64({}, { message: 'must be base64 (32 random bytes)' })
    @Length(44, 44, { message: 'must encode exactly 32 bytes in base64 (44 characters)' })
    LARKSYNC_MASTER_KEY!: string;
  }
  return MasterKeyEnv;
}

/** Adds LARKSYNC_ADMIN_TOKEN, the bearer token of the admin API. */
export function withAdminToken<B extends Constructor>(Base: B) {
  class AdminTokenEnv extends Base {
    @IsString({ message: 'is required' })
    @MinLength(16, { message: 'must be at least 16 characters' })
    LARKSYNC_ADMIN_TOKEN!: string;
  }
  return AdminTokenEnv;
}

/** Adds LARK_BASE_URL, an override of Lark's open API origin (the simulator in tests and the demo). */
export function withLarkBaseUrl<B extends Constructor>(Base: B) {
  class LarkBaseUrlEnv extends Base {
    @IsOptional()
    @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
    LARK_BASE_URL?: string;
  }
  return LarkBaseUrlEnv;
}

/** Adds KAFKA_CONSUMER_GROUP: the app's consumer group (replicas share it; tests and blue/green runs override it). */
export function withConsumerGroup<B extends Constructor>(Base: B, defaultGroup: string) {
  class ConsumerGroupEnv extends Base {
    @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
      message: 'must be 1-200 letters, digits, dots, dashes or underscores',
    })
    KAFKA_CONSUMER_GROUP = defaultGroup;
  }
  return ConsumerGroupEnv;
}
