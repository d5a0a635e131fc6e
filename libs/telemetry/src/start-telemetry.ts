import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { IncomingMessage } from 'node:http';
import { redactQuery, URL_ATTRIBUTES } from './redact-query';

export interface TelemetryOptions {
  serviceName: string;
  /** Overrides the OTLP exporter (tests pass an in-memory one). */
  exporter?: SpanExporter;
  /**
   * Incoming requests whose URL matches start no trace of their own; they are traced only when the caller's
   * `traceparent` makes them part of one. For hot read routes, where the HTTP instrumentation alone would
   * double the cost of a request.
   */
  untracedPaths?: RegExp;
}

/**
 * Starts OpenTelemetry before anything else is loaded, so http, pg and Nest get instrumented. Kafka spans
 * come from libs/kafka itself: the kafkajs instrumentation would parent every record of a coalesced
 * produce request to the flush instead of to the request that published it.
 * Spans are exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise context still
 * propagates (trace ids in logs and Kafka headers) but nothing leaves the process.
 */
export function startTelemetry({ serviceName, exporter, untracedPaths }: TelemetryOptions): NodeSDK {
  // Loaded here, not at the top, so an app with invalid config exits before paying for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { NestInstrumentation } =
    require('@opentelemetry/instrumentation-nestjs-core') as typeof import('@opentelemetry/instrumentation-nestjs-core');
  const { resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const semconv =
    require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
  const { NoopSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const traceExporter =
    exporter ?? (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? new OTLPTraceExporter() : undefined);
  // Left unset, the SDK falls back to OTLP on localhost:4318 for traces, metrics and logs alike.
  const traces = traceExporter ? { traceExporter } : { spanProcessors: [new NoopSpanProcessor()] };
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [semconv.ATTR_SERVICE_NAME]: serviceName,
      [semconv.ATTR_SERVICE_VERSION]: process.env.npm_package_version ?? '0.1.0',
      'service.namespace': 'larksync',
    }),
    ...traces,
    // Metrics are scraped from /metrics and logs go to stdout: neither is exported over OTLP.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: ({ url = '', headers }) =>
          /^\/(health|metrics)/.test(url) || (!headers.traceparent && untracedPaths?.test(url) === true),
        // query values (the SSO callback's code and state, searched names) never reach a span
        requestHook: (span, request) => {
          if (!(request instanceof IncomingMessage)) return;
          const attributes = (span as unknown as { attributes?: Record<string, unknown> }).attributes ?? {};
          for (const name of URL_ATTRIBUTES) {
            const value = attributes[name];
            if (typeof value === 'string')
              span.setAttribute(name, name === 'url.query' ? '[redacted]' : redactQuery(value));
          }
        },
      }),
      new PgInstrumentation(),
      new NestInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}
