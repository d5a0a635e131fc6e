import { IsUrl } from 'class-validator';
import { withAdminToken, withConsumerGroup, withLarkBaseUrl, withMasterKey, withPort } from '@app/config';

export class DirectoryEnv extends withConsumerGroup(
  withLarkBaseUrl(withAdminToken(withMasterKey(withPort(8081)))),
  'larksync-directory',
) {
  /** Where Lark reaches the gateway: the Request URL and Redirect URL shown to admins are built on it. */
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://127.0.0.1:8080';
}
