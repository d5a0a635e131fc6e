import {
  CanActivate,
  DynamicModule,
  ExecutionContext,
  Global,
  Inject,
  Injectable,
  Module,
  UnauthorizedException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

/** The message of the 401 answer. */
export const ADMIN_TOKEN_REQUIRED =
  'a valid admin bearer token is required (Authorization: Bearer <LARKSYNC_ADMIN_TOKEN>)';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer LARKSYNC_ADMIN_TOKEN, compared in constant time (hashes of equal length, whatever the input). */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header: unknown = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>()
      .headers.authorization;
    if (!this.isAuthorized(header)) throw new UnauthorizedException(ADMIN_TOKEN_REQUIRED);
    return true;
  }

  /** The check itself, for routes served outside Nest's request pipeline. */
  isAuthorized(header: unknown): boolean {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    return match !== null && timingSafeEqual(digest(match[1]), this.expected);
  }
}

/** Provides AdminTokenGuard to every module of the app. */
@Global()
@Module({})
export class AdminTokenModule {
  static forRoot(token: string): DynamicModule {
    return {
      module: AdminTokenModule,
      providers: [{ provide: ADMIN_TOKEN, useValue: token }, AdminTokenGuard],
      exports: [ADMIN_TOKEN, AdminTokenGuard],
    };
  }
}
