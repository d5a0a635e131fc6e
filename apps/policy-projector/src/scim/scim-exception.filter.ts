import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { SCIM_CONTENT_TYPE, scimError, ScimType } from './scim-resources';

/** A SCIM failure with its scimType (RFC 7644 §3.12). */
export class ScimHttpException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail, status);
  }
}

/** A refusal of the access hook, in the SCIM error format. */
export const scimRefusal = (status: number, detail: string) => ({
  contentType: SCIM_CONTENT_TYPE,
  body: JSON.stringify(scimError(status, detail)),
});

/** Every error under /scim/v2 in the SCIM error format (RFC 7644 §3.12). */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const detail = exception instanceof HttpException ? exception.message : 'internal error';
    const scimType = exception instanceof ScimHttpException ? exception.scimType : undefined;
    void reply
      .status(status)
      .header('Content-Type', SCIM_CONTENT_TYPE)
      .send(JSON.stringify(scimError(status, detail, scimType)));
  }
}
