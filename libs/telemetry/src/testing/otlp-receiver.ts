import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { CollectedSpan, flattenTraceRequest } from './otlp-spans';

/** An in-test OTLP/HTTP endpoint: give `url` to OTEL_EXPORTER_OTLP_ENDPOINT and read the spans back. */
export interface OtlpReceiver {
  url: string;
  readonly spans: CollectedSpan[];
  /** `METHOD /path` of every request received, any signal. */
  readonly requests: string[];
  /** Export requests that could not be read (e.g. protobuf instead of JSON). */
  readonly errors: string[];
  /** Resolves with the collected spans once `condition` holds over them; rejects at the deadline. */
  waitFor(
    condition: (spans: CollectedSpan[]) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

async function collect(request: IncomingMessage, spans: CollectedSpan[], errors: string[]): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/v1/traces') return;
  const body = await readBody(request);
  if (!String(request.headers['content-type']).includes('json')) {
    errors.push(`unsupported content-type ${request.headers['content-type']}`);
    return;
  }
  try {
    spans.push(...flattenTraceRequest(JSON.parse(body.toString('utf8'))));
  } catch (error) {
    errors.push(`unreadable export: ${(error as Error).message}`);
  }
}

/** Starts the receiver on 127.0.0.1 (a free port unless one is given). Other signals are acknowledged and dropped. */
export async function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const spans: CollectedSpan[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    void collect(request, spans, errors)
      .catch((error: unknown) => errors.push(String(error)))
      .finally(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    spans,
    requests,
    errors,
    waitFor: async (condition, what, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition(spans)) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${what} (${spans.length} spans collected)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return spans;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
