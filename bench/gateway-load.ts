import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { computeSignature, encryptPayload } from '@app/lark';

export interface BenchApp {
  appId: string;
  encryptKey: string;
  verificationToken: string;
}

/** A fresh encrypted, signed contact.user.updated_v3 delivery each call: unique event ids, so no dedupe shortcut. */
export function deliveryFactory(app: BenchApp): () => { body: string; headers: Record<string, string> } {
  let sequence = 0;
  const run = randomBytes(4).toString('hex');
  return () => {
    sequence += 1;
    const openId = `ou_bench_${sequence % 5000}`;
    const plain = JSON.stringify({
      schema: '2.0',
      header: {
        event_id: `evt_${run}_${sequence}`,
        token: app.verificationToken,
        create_time: String(Date.now()),
        event_type: 'contact.user.updated_v3',
        tenant_key: 'tenant_bench',
        app_id: app.appId,
      },
      event: {
        object: { open_id: openId, name: `User ${sequence}`, department_ids: ['od-bench'] },
        old_object: { name: 'Before' },
      },
    });
    const body = JSON.stringify({ encrypt: encryptPayload(plain, app.encryptKey) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return {
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': computeSignature(Buffer.from(body), timestamp, nonce, app.encryptKey),
      },
    };
  };
}

export interface LoadResult {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  failed: number;
}

export interface LoadOptions {
  url: string;
  app: BenchApp;
  seconds: number;
  connections: number;
  /** Requests per second across all connections; unset = as fast as the server answers. */
  rate?: number;
}

/** Runs autocannon against one webhook URL with fresh deliveries. */
export async function runLoad({ url, app, seconds, connections, rate }: LoadOptions): Promise<LoadResult> {
  const next = deliveryFactory(app);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    overallRate: rate,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { body, headers } = next();
          return { ...request, body, headers };
        },
      },
    ],
  });
  const seconds2xx = result['2xx'] / Math.max(1, result.duration);
  return {
    eventsPerSecond: Math.round(seconds2xx),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
