import { propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { batchTraceParent, injectTraceHeaders, withoutTraceContext } from './trace-headers';

const traceparent = (traceId: string, spanId = 'aaaaaaaaaaaaaaaa') => `00-${traceId}-${spanId}-01`;
const TRACE_A = '0af7651916cd43dd8448eb211c80319c';
const TRACE_B = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('trace headers', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it('should keep a traceparent a relayed record already carries', () => {
    const active = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_B,
      spanId: 'bbbbbbbbbbbbbbbb',
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(injectTraceHeaders({ traceparent: traceparent(TRACE_A) }, active).traceparent).toBe(
      traceparent(TRACE_A),
    );
    expect(injectTraceHeaders({}, active).traceparent).toBe(traceparent(TRACE_B, 'bbbbbbbbbbbbbbbb'));
  });

  it('should process a batch of one trace inside that trace', () => {
    const { parent, links } = batchTraceParent([
      { traceparent: traceparent(TRACE_A) },
      { traceparent: traceparent(TRACE_A, 'cccccccccccccccc') },
    ]);
    expect(trace.getSpanContext(parent)?.traceId).toBe(TRACE_A);
    expect(links).toEqual([]);
  });

  it('should process a batch of one trace inside it even when its first record carries no context', () => {
    const { parent, links } = batchTraceParent([
      {},
      { traceparent: traceparent(TRACE_A, 'cccccccccccccccc') },
    ]);
    expect(trace.getSpanContext(parent)).toMatchObject({ traceId: TRACE_A, spanId: 'cccccccccccccccc' });
    expect(links).toEqual([]);
  });

  it('should strip the trace context a publish continues itself, keeping the other headers', () => {
    expect(
      withoutTraceContext({ traceparent: traceparent(TRACE_A), tracestate: 'a=b', 'larksync-idp-id': 'idp' }),
    ).toEqual({ 'larksync-idp-id': 'idp' });
    expect(withoutTraceContext(undefined)).toEqual({});
  });

  it('should link every trace of a mixed batch', () => {
    const { parent, links } = batchTraceParent([
      { traceparent: traceparent(TRACE_A) },
      { traceparent: traceparent(TRACE_B) },
      {},
    ]);
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links.map((link) => link.context.traceId)).toEqual([TRACE_A, TRACE_B]);
  });
});
