import { context, propagation, Context } from '@opentelemetry/api';
import { IHeaders } from 'kafkajs';

/** Writes the active W3C trace context into Kafka record headers. */
export function injectTraceHeaders(headers: Record<string, string> = {}, from: Context = context.active()): Record<string, string> {
  propagation.inject(from, headers);
  return headers;
}

/** Reads a trace context back out of Kafka record headers. */
export function extractTraceContext(headers: IHeaders | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) carrier[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return propagation.extract(context.active(), carrier);
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? String(value[0]) : String(value);
}
