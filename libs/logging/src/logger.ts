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

/** The JSON logger every app shares: one line per event, trace ids attached, secrets redacted. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    mixin: traceFields,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

export type { Logger };
