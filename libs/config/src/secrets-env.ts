import {
  IsBase64,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MinLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { parseMasterKeys } from './master-keys';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** Checks a LARKSYNC_MASTER_KEYS list; its messages never contain key material. */
@ValidatorConstraint({ name: 'masterKeyList' })
class MasterKeyList implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const env = args.object as { LARKSYNC_MASTER_KEY?: string };
    if (env.LARKSYNC_MASTER_KEY !== undefined) return false;
    try {
      parseMasterKeys(String(value));
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(args: ValidationArguments): string {
    const env = args.object as { LARKSYNC_MASTER_KEY?: string };
    if (env.LARKSYNC_MASTER_KEY !== undefined) return 'set it or LARKSYNC_MASTER_KEY, not both';
    try {
      parseMasterKeys(String(args.value));
      return 'is invalid';
    } catch (error) {
      return (error as Error).message;
    }
  }
}

/**
 * Adds the master keys that seal secrets at rest: LARKSYNC_MASTER_KEY (32 random bytes, base64, e.g.
 * `openssl rand -base64 32`), or, to rotate, LARKSYNC_MASTER_KEYS: `id:base64,…`, the current key first.
 */
export function withMasterKey<B extends Constructor>(Base: B) {
  class MasterKeyEnv extends Base {
    @ValidateIf((env: MasterKeyEnv) => env.LARKSYNC_MASTER_KEYS === undefined)
    @IsString({ message: 'is required (32 random bytes, base64), unless LARKSYNC_MASTER_KEYS is set' })
    @IsBase64({}, { message: 'must be base64 (32 random bytes)' })
    @Length(44, 44, { message: 'must encode exactly 32 bytes in base64 (44 characters)' })
    LARKSYNC_MASTER_KEY?: string;

    @IsOptional()
    @Validate(MasterKeyList)
    LARKSYNC_MASTER_KEYS?: string;

    /** What SecretBox takes: the key list, or the single key. */
    get masterKeys(): string {
      return this.LARKSYNC_MASTER_KEYS ?? this.LARKSYNC_MASTER_KEY!;
    }
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
