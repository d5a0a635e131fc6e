import { FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified } from './etag';

/** 304 when the client holds this ETag, else 200 with the body (a Buffer is sent as serialised JSON). */
export function sendWithEtag(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  body: unknown,
): void {
  reply.header('ETag', etag).header('Cache-Control', 'no-cache');
  if (isNotModified(request.headers['if-none-match'], etag)) {
    void reply.status(304).send();
    return;
  }
  // A Buffer is JSON serialised already: the same bytes and content type fastify gives an object.
  if (Buffer.isBuffer(body)) reply.header('Content-Type', 'application/json; charset=utf-8');
  void reply.status(200).send(body);
}
