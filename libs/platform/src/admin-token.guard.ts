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
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new UnauthorizedException(
        'a valid admin bearer token is required (Authorization: Bearer <LARKSYNC_ADMIN_TOKEN>)',
      );
    }
    return true;
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
