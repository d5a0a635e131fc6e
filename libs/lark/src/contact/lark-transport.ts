export interface LarkHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface LarkHttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
}

export class TransportTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TransportTimeoutError';
  }
}

/** One HTTP exchange; rejects only when no answer arrived (timeout, network). */
export type LarkTransport = (request: LarkHttpRequest) => Promise<LarkHttpResponse>;

// Plain fetch, not the SDK: we need every status, body and rate-limit header of every answer, and our own timeout.
export const fetchTransport: LarkTransport = async (request) => {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
      throw new TransportTimeoutError(request.timeoutMs);
    throw error;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
      throw new TransportTimeoutError(request.timeoutMs);
    throw error;
  }
  return { status: response.status, headers, body: parseJson(text) };
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
