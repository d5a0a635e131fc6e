import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface TelemetryOptions {
  serviceName: string;
  /** Overrides the OTLP exporter (tests pass an in-memory one). */
  exporter?: SpanExporter;
}

/**
 * Starts OpenTelemetry before anything else is loaded, so http, pg and Nest get instrumented. Kafka spans
 * come from libs/kafka itself: the kafkajs instrumentation would parent every record of a coalesced
 * produce request to the flush instead of to the request that published it.
 * Spans are exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise context still
 * propagates (trace ids in logs and Kafka headers) but nothing leaves the process.
 */
export function startTelemetry({ serviceName, exporter }: TelemetryOptions): NodeSDK {
  const traceExporter = exporter ?? (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? new OTLPTraceExporter() : undefined);
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: serviceName,
      [ATTR_SERVICE_VERSION]: process.env.npm_package_version ?? '0.1.0',
      'service.namespace': 'larksync',
    }),
    traceExporter,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(health|metrics)/.test(request.url ?? '') }),
      new PgInstrumentation(),
      new NestInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}
