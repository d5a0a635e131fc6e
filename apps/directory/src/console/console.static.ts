import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CONSOLE_PATH = '/console';
/** Public by decision: the pages hold no data; every call they make to /api authenticates. */
export const CONSOLE_ROUTES = `GET ${CONSOLE_PATH}*`;
/** Where `npm run build` puts the console (Vite's outDir), next to the compiled app. */
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console');

// Ant Design writes its styles at run time (CSS-in-JS), hence style-src 'unsafe-inline'; scripts are files only.
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Serves the built console at /console: its files (hashed assets cached for good), and index.html for every
 * other path under /console so each page is reachable by URL. Does nothing when the console was not built.
 */
export async function serveConsole(app: NestFastifyApplication, root = CONSOLE_DIST): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    prefix: `${CONSOLE_PATH}/`,
    wildcard: false,
    index: false,
    setHeaders: (response, path) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
      response.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page = (reply: FastifyReply) => {
    void reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' });
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };
  fastify.get(CONSOLE_PATH, (_request, reply) => page(reply));
  fastify.get(`${CONSOLE_PATH}/*`, (request, reply) =>
    request.url.startsWith(`${CONSOLE_PATH}/assets/`)
      ? reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'no such console asset' })
      : page(reply),
  );
  return true;
}
