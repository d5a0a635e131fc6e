import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { once } from 'node:events';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export const MANAGEMENT_PATHS = ['/health/live', '/health/ready', '/metrics'];

const INTERNAL_HEADER = 'x-larksync-management';

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0];
}

/**
 * Moves health and metrics off the app's own port: that port answers them 404, and a plain HTTP server on the
 * management port passes only those GETs to the app in-process (Fastify's inject), with a token the public port
 * never sees. Call before `app.init()`: Fastify takes hooks only until it is ready.
 */
export function serveManagementOnItsOwnPort(
  app: NestFastifyApplication,
): (port: number, host: string) => Promise<Server> {
  const token = randomBytes(16).toString('hex');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    if (MANAGEMENT_PATHS.includes(pathOf(request.url)) && request.headers[INTERNAL_HEADER] !== token) {
      await reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: 'served on the management port' });
    }
  });
  const server = createServer((request, response) => {
    const path = pathOf(request.url);
    if (request.method !== 'GET' || !MANAGEMENT_PATHS.includes(path)) {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({
          statusCode: 404,
          error: 'Not Found',
          message: `${MANAGEMENT_PATHS.join(', ')} only`,
        }),
      );
      return;
    }
    fastify
      .inject({ method: 'GET', url: path, headers: { [INTERNAL_HEADER]: token } })
      .then((answer) => {
        const contentType = answer.headers['content-type'];
        response.writeHead(answer.statusCode, contentType ? { 'content-type': contentType } : {});
        response.end(answer.rawPayload);
      })
      .catch(() => {
        response.writeHead(503);
        response.end();
      });
  });
  fastify.addHook('onClose', async () => {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  });
  return async (port, host) => {
    server.listen(port, host);
    await once(server, 'listening');
    return server;
  };
}
