import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';

const CODES: Partial<Record<number, string>> = {
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'body_too_large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported_media_type',
  // Before a route runs, a 400 can only be Fastify's JSON body parser.
  [HttpStatus.BAD_REQUEST]: 'not_json',
  [HttpStatus.NOT_FOUND]: 'not_found',
};

/** Paths the internet calls: their errors take the gateway's `{ error, message }` shape. Health keeps Nest's. */
const PUBLIC_PATHS = /^\/(lark|sso|open-dev)\//;

/** Errors raised before a public route runs (body over 1 MiB, not JSON…) answered as `{ error, message }`. */
@Catch()
export class JsonErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (!PUBLIC_PATHS.test(request.url)) return super.catch(exception, host);
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const isClientError = status < 500;
    const error = CODES[status] ?? (isClientError ? 'bad_request' : 'internal_error');
    const message = isClientError && exception instanceof Error ? exception.message : 'internal error';
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error, message });
  }
}

export function useJsonErrors(app: NestFastifyApplication): void {
  app.useGlobalFilters(new JsonErrorFilter(app.getHttpAdapter()));
}
