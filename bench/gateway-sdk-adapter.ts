import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';

/*
 * The official SDK's own webhook adapter, for the gateway benchmark: EventDispatcher + adaptDefault on a
 * node http server, decrypt + dispatch only (the handler only counts). Run as a child process.
 * GET /dispatched: events that reached the handler (the SDK answers 200 even when its signature check fails).
 */
let dispatched = 0;
const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.BENCH_ENCRYPT_KEY,
  verificationToken: process.env.BENCH_VERIFICATION_TOKEN,
  loggerLevel: lark.LoggerLevel.error,
}).register({ 'contact.user.updated_v3': async () => void (dispatched += 1) });

const handle = lark.adaptDefault('/webhook/event', dispatcher, { autoChallenge: true });
const server = createServer((request, response) =>
  request.url === '/dispatched' ? response.end(String(dispatched)) : void handle(request, response),
);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
