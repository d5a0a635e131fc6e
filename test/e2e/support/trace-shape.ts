import { CollectedSpan } from '../../../libs/telemetry/src/testing';

/** The spans of one trace, with lookups for asserting its shape. */
export class TraceView {
  private readonly byId: Map<string, CollectedSpan>;

  constructor(readonly spans: CollectedSpan[]) {
    this.byId = new Map(spans.map((span) => [span.spanId, span]));
  }

  static of(all: CollectedSpan[], traceId: string): TraceView {
    return new TraceView(all.filter((span) => span.traceId === traceId));
  }

  find(service: string, name: string | RegExp): CollectedSpan | undefined {
    return this.spans.find(
      (span) =>
        span.service === service && (typeof name === 'string' ? span.name === name : name.test(span.name)),
    );
  }

  require(service: string, name: string | RegExp): CollectedSpan {
    const span = this.find(service, name);
    if (!span) throw new Error(`no span ${String(name)} of ${service} in the trace:\n${this.render()}`);
    return span;
  }

  /** True when `ancestor` is on `span`'s parent chain (spans missing from the export break the chain). */
  descendsFrom(span: CollectedSpan, ancestor: CollectedSpan): boolean {
    for (
      let current = this.byId.get(span.parentSpanId);
      current;
      current = this.byId.get(current.parentSpanId)
    ) {
      if (current.spanId === ancestor.spanId) return true;
    }
    return false;
  }

  /** The tree as indented lines, `service: name (kind)`, for failure messages and the report. */
  render(): string {
    const lines: string[] = [];
    const visit = (span: CollectedSpan, depth: number) => {
      lines.push(`${'  '.repeat(depth)}${span.service}: ${span.name} (${span.kind})`);
      this.children(span).forEach((child) => visit(child, depth + 1));
    };
    this.spans
      .filter((span) => !this.byId.has(span.parentSpanId))
      .sort(byStart)
      .forEach((root) => visit(root, 0));
    return lines.join('\n');
  }

  private children(parent: CollectedSpan): CollectedSpan[] {
    return this.spans.filter((span) => span.parentSpanId === parent.spanId).sort(byStart);
  }
}

function byStart(a: CollectedSpan, b: CollectedSpan): number {
  return BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1;
}

/** The trace id of a W3C traceparent header (`00-<trace>-<span>-<flags>`). */
export function traceparentIds(traceparent: string | undefined): { traceId: string; spanId: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(traceparent ?? '');
  if (!match) throw new Error(`not a W3C traceparent: ${traceparent}`);
  return { traceId: match[1], spanId: match[2] };
}
