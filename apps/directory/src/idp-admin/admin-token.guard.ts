import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DirectoryEnv } from '../config/directory.config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer LARKSYNC_ADMIN_TOKEN, compared in constant time (hashes of equal length, whatever the input). */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: DirectoryEnv) {
    this.expected = digest(config.LARKSYNC_ADMIN_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const header: unknown = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!timingSafeEqual(digest(token), this.expected) || token === '') {
      throw new UnauthorizedException('a valid admin bearer token is required (Authorization: Bearer <LARKSYNC_ADMIN_TOKEN>)');
    }
    return true;
  }
}
