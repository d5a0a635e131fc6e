import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { OtlpReceiver, startOtlpReceiver } from './testing';

// Runs the built library (npm run build first) in a child process: the SDK is process-global.
const BUILT = join(__dirname, '..', '..', '..', 'dist', 'libs', 'telemetry', 'src');

const PROBE = `
const { startTelemetry } = require(${JSON.stringify(BUILT)});
const sdk = startTelemetry({ serviceName: 'telemetry-probe' });
const { trace } = require('@opentelemetry/api');
const span = trace.getTracer('probe').startSpan('probe span');
span.end();
setTimeout(() => sdk.shutdown().then(() => console.log(JSON.stringify(span.spanContext()))), 800);
`;

// Three requests to an instrumented server: an untraced path alone, the same path within the caller's trace, another path.
const HTTP_PROBE = `
const { startTelemetry } = require(${JSON.stringify(BUILT)});
const sdk = startTelemetry({ serviceName: 'telemetry-probe', untracedPaths: /^\\/hot\\// });
const http = require('node:http');
const server = http.createServer((request, response) => response.end('ok'));
const caller = '00-${'a'.repeat(32)}-${'b'.repeat(16)}-01';
server.listen(0, '127.0.0.1', async () => {
  const base = 'http://127.0.0.1:' + server.address().port;
  await fetch(base + '/hot/1');
  await fetch(base + '/hot/2', { headers: { traceparent: caller } });
  await fetch(base + '/cold/3');
  server.close();
  setTimeout(() => sdk.shutdown().then(() => console.log('{}')), 300);
});
`;

// The SSO callback's query: its values must not reach any exported span.
const QUERY_PROBE = `
const { startTelemetry } = require(${JSON.stringify(BUILT)});
const sdk = startTelemetry({ serviceName: 'telemetry-probe' });
const http = require('node:http');
const server = http.createServer((request, response) => response.end('ok'));
server.listen(0, '127.0.0.1', async () => {
  await fetch('http://127.0.0.1:' + server.address().port + '/open-dev/feishu?code=code-value-1&state=state-value-2');
  server.close();
  setTimeout(() => sdk.shutdown().then(() => console.log('{}')), 300);
});
`;

function runProbe(env: Record<string, string>, probe = PROBE): Promise<{ traceId: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', probe], {
      cwd: join(__dirname, '..', '..', '..'),
      env: {
        PATH: process.env.PATH,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_METRIC_EXPORT_INTERVAL: '100',
        ...env,
      },
      timeout: 20_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout.trim().split('\n').pop()!))
        : reject(new Error(`probe exited ${code}: ${stderr}`)),
    );
  });
}

describe('startTelemetry', () => {
  let receiver: OtlpReceiver;

  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });

  afterEach(() => receiver.close());

  it('should export only traces, as JSON, to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const { traceId } = await runProbe({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    await receiver.waitFor((spans) => spans.length > 0, 'the probe span', 5_000);
    expect(receiver.spans).toEqual([
      expect.objectContaining({ service: 'telemetry-probe', name: 'probe span', traceId }),
    ]);
    expect(receiver.errors).toEqual([]);
    expect(new Set(receiver.requests)).toEqual(new Set(['POST /v1/traces']));
  });

  it('should export nothing without OTEL_EXPORTER_OTLP_ENDPOINT, yet still give spans trace ids', async () => {
    const { traceId } = await runProbe({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${receiver.url}/v1/metrics`,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${receiver.url}/v1/logs`,
    });
    expect(traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    expect(receiver.requests).toEqual([]);
  });

  it("should keep the path but no query value in a request's spans", async () => {
    await runProbe({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, QUERY_PROBE);
    await receiver.waitFor((spans) => spans.some((span) => span.kind === 'server'), 'the server span', 5_000);
    const exported = JSON.stringify(receiver.spans);
    expect(exported).toContain('/open-dev/feishu');
    expect(exported).not.toContain('code-value-1');
    expect(exported).not.toContain('state-value-2');
  });

  it("should trace an untraced path only within its caller's trace", async () => {
    await runProbe({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }, HTTP_PROBE);
    await receiver.waitFor((spans) => spans.length >= 2, 'the server spans', 5_000);
    const served = receiver.spans
      .filter((span) => span.kind === 'server')
      .map((span) => [span.attributes['url.path'] ?? span.attributes['http.target'], span.traceId]);
    expect(served.sort()).toEqual([
      ['/cold/3', expect.any(String)],
      ['/hot/2', 'a'.repeat(32)],
    ]);
  });
});
