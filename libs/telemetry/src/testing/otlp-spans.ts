/** One exported span, flattened out of an OTLP/HTTP JSON export request. */
export interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  kind: SpanKindName;
  attributes: Record<string, string | number | boolean>;
  links: { traceId: string; spanId: string }[];
  startTimeUnixNano: string;
}

export type SpanKindName = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

const KINDS: SpanKindName[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  attributes?: OtlpKeyValue[];
  links?: { traceId?: string; spanId?: string }[];
}

interface OtlpTraceRequest {
  resourceSpans?: { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

/** OTLP JSON carries ids as hex; base64 is accepted too, as some encoders still send it. */
export function otlpId(value: string | undefined): string {
  if (!value) return '';
  if (/^[0-9a-f]+$/i.test(value) && (value.length === 32 || value.length === 16)) return value.toLowerCase();
  return Buffer.from(value, 'base64').toString('hex');
}

function attributeValue(value: OtlpAnyValue | undefined): string | number | boolean {
  if (value?.stringValue !== undefined) return value.stringValue;
  if (value?.intValue !== undefined) return Number(value.intValue);
  if (value?.doubleValue !== undefined) return value.doubleValue;
  return value?.boolValue ?? '';
}

function attributeMap(attributes: OtlpKeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, attributeValue(value)]));
}

function kindName(kind: OtlpSpan['kind']): SpanKindName {
  if (typeof kind === 'number') return KINDS[kind] ?? 'unspecified';
  const name = String(kind ?? '')
    .replace(/^SPAN_KIND_/, '')
    .toLowerCase();
  return KINDS.find((candidate) => candidate === name) ?? 'unspecified';
}

/** Every span of an ExportTraceServiceRequest (JSON encoding), with its resource's service.name. */
export function flattenTraceRequest(request: OtlpTraceRequest): CollectedSpan[] {
  return (request.resourceSpans ?? []).flatMap(({ resource, scopeSpans }) => {
    const service = String(attributeMap(resource?.attributes)['service.name'] ?? '');
    return (scopeSpans ?? []).flatMap(({ spans }) =>
      (spans ?? []).map((span) => ({
        service,
        traceId: otlpId(span.traceId),
        spanId: otlpId(span.spanId),
        parentSpanId: otlpId(span.parentSpanId),
        name: span.name ?? '',
        kind: kindName(span.kind),
        attributes: attributeMap(span.attributes),
        links: (span.links ?? []).map((link) => ({
          traceId: otlpId(link.traceId),
          spanId: otlpId(link.spanId),
        })),
        startTimeUnixNano: String(span.startTimeUnixNano ?? '0'),
      })),
    );
  });
}
