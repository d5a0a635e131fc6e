import { context, propagation, Context, Link, trace } from '@opentelemetry/api';
import { IHeaders } from 'kafkajs';

const TRACEPARENT = 'traceparent';

/**
 * Writes a W3C trace context into Kafka record headers, unless they already carry one: a record
 * relayed later (the outbox) keeps the context of the transaction that wrote it.
 */
export function injectTraceHeaders(
  headers: Record<string, string> = {},
  from: Context = context.active(),
): Record<string, string> {
  if (!headers[TRACEPARENT]) propagation.inject(from, headers);
  return headers;
}

/** The headers without their W3C trace context, for a publish that continues that trace itself. */
export function withoutTraceContext(headers: Record<string, string> = {}): Record<string, string> {
  const { [TRACEPARENT]: _parent, tracestate: _state, ...rest } = headers;
  return rest;
}

/** Reads a trace context back out of Kafka record headers. */
export function extractTraceContext(headers: IHeaders | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) carrier[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return propagation.extract(context.active(), carrier);
}

/**
 * The context a batch is processed in: the records' own trace when they all share one (a single
 * event stays one trace end to end), otherwise a new trace linked to each record's.
 */
export function batchTraceParent(headers: (IHeaders | undefined)[]): { parent: Context; links: Link[] } {
  const contexts = headers
    .map((recordHeaders) => trace.getSpanContext(extractTraceContext(recordHeaders)))
    .filter((span) => span !== undefined);
  const traceIds = new Set(contexts.map((span) => span.traceId));
  if (contexts.length > 0 && traceIds.size === 1)
    return { parent: trace.setSpanContext(context.active(), contexts[0]), links: [] };
  return { parent: context.active(), links: contexts.map((spanContext) => ({ context: spanContext })) };
}
