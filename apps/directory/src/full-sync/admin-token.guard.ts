import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer LARKSYNC_ADMIN_TOKEN, compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(FULL_SYNC_OPTIONS) options: FullSyncOptions) {
    this.expected = digest(options.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]), this.expected)) throw new UnauthorizedException('a valid admin bearer token is required');
    return true;
  }
}
