import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One address in front of several gateway replicas, as a load balancer would be: each request to the next one up. */
export class RoundRobinProxy {
  private next = 0;
  private server?: Server;

  constructor(private readonly upstreams: () => string[]) {}

  async listen(): Promise<string> {
    const server = createServer((incoming, outgoing) => {
      const targets = this.upstreams();
      const target = new URL(incoming.url ?? '/', targets[this.next++ % targets.length]);
      const forwarded = request(
        target,
        { method: incoming.method, headers: incoming.headers },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forwarded.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
        outgoing.end('{"error":"bad_gateway"}');
      });
      incoming.pipe(forwarded);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
