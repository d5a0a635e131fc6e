import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Router, SimRequest, SimResponse, bearerToken, larkError } from './http-kit';
import { SimCore } from './sim-core';

const MAX_BODY_BYTES = 1024 * 1024;

/** The HTTP front: body reading, routing, fault injection, stats. */
export class SimServer {
  private readonly server: Server;

  constructor(
    private readonly core: SimCore,
    private readonly router: Router,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const request = await this.readRequest(req);
      const response = request ? await this.dispatch(request) : larkError(413, 9499, 'body too large');
      if (response) send(res, response);
    } catch {
      if (!res.headersSent) send(res, larkError(500, 1500, 'internal error'));
    }
  }

  /** Undefined means "never answer" (an injected timeout); the socket is closed on stop. */
  private async dispatch(request: SimRequest): Promise<SimResponse | undefined> {
    const match = this.router.match(request.method, request.path);
    if (!match) return larkError(404, 404, `no route for ${request.method} ${request.path}`);
    request.params = match.params;
    request.endpoint = match.route.endpoint;
    const isLarkApi = !request.path.startsWith('/_sim/');
    const fault = isLarkApi
      ? this.core.faults.evaluate(request.endpoint, request.query.has('page_token'))
      : { action: 'none' as const };
    if (fault.action === 'hang') {
      this.core.stats.record(request.endpoint, 'faulted');
      return undefined;
    }
    if (fault.action === 'respond' || fault.action === 'invalidate-token') {
      const token = bearerToken(request);
      if (fault.action === 'invalidate-token' && token) this.core.tokens.revoke(token);
      this.core.stats.record(request.endpoint, 'faulted');
      return fault.response;
    }
    if (fault.action === 'delay') await sleep(fault.delayMs);
    if (fault.action === 'wait') await fault.until;
    const response = await match.route.handler(request);
    if (isLarkApi) this.core.stats.record(request.endpoint, outcomeOf(response));
    return response;
  }

  private async readRequest(req: IncomingMessage): Promise<SimRequest | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(chunk as Buffer);
    }
    const url = new URL(req.url ?? '/', 'http://simulator');
    return {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody: Buffer.concat(chunks).toString('utf8'),
      params: {},
      endpoint: '',
    };
  }
}

function outcomeOf(response: SimResponse): 'ok' | 'throttled' | 'error' {
  if (response.status === 429) return 'throttled';
  return response.status >= 400 ? 'error' : 'ok';
}

function send(res: ServerResponse, response: SimResponse): void {
  const isText = typeof response.body === 'string';
  const body = isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    'content-type': response.contentType ?? 'application/json; charset=utf-8',
    'x-tt-logid': `sim${Date.now().toString(36)}`,
    ...response.headers,
  });
  res.end(body);
}
