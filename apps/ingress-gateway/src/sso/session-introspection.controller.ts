import {
  Body,
  Controller,
  Header,
  HttpCode,
  Inject,
  Post,
  ServiceUnavailableException,
} from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { Public } from '@app/platform';
import { Introspection, SessionIntrospectionService } from './session-introspection.service';

/**
 * `POST /sso/introspect` (RFC 7662), form-encoded or JSON `token`. It answers only about the token it is
 * given, with claims its holder can already read, so it asks no credential of the caller.
 */
@Public()
@Controller()
export class SessionIntrospectionController {
  constructor(
    private readonly introspection: SessionIntrospectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post('sso/introspect')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async introspect(@Body() body: Record<string, unknown> | undefined): Promise<Introspection> {
    const token = typeof body?.token === 'string' ? body.token : undefined;
    return this.introspection.introspect(token).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'session introspection failed');
      throw new ServiceUnavailableException({
        error: 'temporarily_unavailable',
        message: 'the directory could not be read; try again shortly',
      });
    });
  }
}
