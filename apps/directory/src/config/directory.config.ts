import { Transform } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import {
  toInt,
  withAdminToken,
  withConsumerGroup,
  withLarkBaseUrl,
  withMasterKey,
  withPort,
} from '@app/config';

export class DirectoryEnv extends withConsumerGroup(
  withLarkBaseUrl(withAdminToken(withMasterKey(withPort(8081)))),
  'larksync-directory',
) {
  /** Where Lark reaches the gateway: the Request URL and Redirect URL shown to admins are built on it. */
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:8080';

  /** How long audit records are kept. */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(36_500, { message: 'must be at most 36500 days' })
  AUDIT_RETENTION_DAYS = 400;

  /** Full syncs one replica runs at once; more wait in order (memory and Lark connections stay bounded). */
  @Transform(toInt)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(64, { message: 'must be at most 64' })
  FULL_SYNC_MAX_CONCURRENT_RUNS = 4;
}
