import { trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';

/** Fields that may carry secrets or personal data; pino replaces them before a line is written. */
export const REDACTED_FIELDS = [
  'appSecret',
  'encryptKey',
  'verificationToken',
  'token',
  'tenantAccessToken',
  'accessToken',
  'authorization',
  'cookie',
  'password',
  'email',
  'mobile',
  'name',
  'body',
  'payload',
  '*.appSecret',
  '*.encryptKey',
  '*.verificationToken',
  '*.token',
  '*.authorization',
  '*.cookie',
  '*.email',
  '*.mobile',
  'req.headers.authorization',
  'req.headers.cookie',
];

function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * What an error may carry into a log line: not the values of a failed query (`parameters`), PostgreSQL's `detail`
 * and `where` (which quote rows), the driver's copy of them, nor an HTTP client's request and response.
 */
const ERROR_FIELDS_WITH_DATA = [
  'parameters',
  'detail',
  'where',
  'driverError',
  'config',
  'request',
  'response',
];

function errorWithoutData(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of ERROR_FIELDS_WITH_DATA) delete serialized[field];
  return serialized;
}

/** The options of the JSON logger every app shares: one line per event, trace ids attached, secrets redacted. */
export function loggerOptions(service: string, level = process.env.LOG_LEVEL ?? 'info'): pino.LoggerOptions {
  return {
    level,
    base: { service },
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    serializers: { err: errorWithoutData },
    mixin: traceFields,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

export function createLogger(service: string, level?: string): Logger {
  return pino(loggerOptions(service, level));
}

export type { Logger };
