import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResult {
  status?: number;
  body: string;
  error?: string;
  latencyMs: number;
}

/** POSTs a raw body and never rejects: network failures and deadline overruns come back as `error`. */
export function postRaw(
  url: string,
  body: string,
  headers: Record<string, string>,
  deadlineMs: number,
): Promise<PostResult> {
  const started = performance.now();
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (result: Omit<PostResult, 'latencyMs'>) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    };
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-length': Buffer.byteLength(body).toString(), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => settle({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => settle({ body: '', error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      settle({ body: '', error: `no response within ${deadlineMs} ms` });
      req.destroy();
    }, deadlineMs);
    req.on('error', (error) => settle({ body: '', error: error.message }));
    req.end(body);
  });
}
