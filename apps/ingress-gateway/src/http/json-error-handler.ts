import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError } from 'fastify';

const CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'not_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'not_json',
};

/** Errors Fastify raises before a route runs (body over 1 MiB, not JSON…) answered in the gateway's `{ error, message }` shape. */
export function useJsonErrors(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      const code = (error.code && CODES[error.code]) ?? (status === 400 && error instanceof SyntaxError ? 'not_json' : status >= 500 ? 'internal_error' : 'bad_request');
      const message = status >= 500 ? 'internal error' : error.message;
      void reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ error: code, message });
    });
}
