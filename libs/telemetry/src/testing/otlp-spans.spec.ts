import { flattenTraceRequest, otlpId } from './otlp-spans';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';
const CHILD = '00f067aa0ba902b7';

const aRequest = (service: string, spans: object[]) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'larksync-kafka' }, spans }],
    },
  ],
});

describe('flattenTraceRequest', () => {
  it('should flatten spans with their service, ids, kind, attributes and links', () => {
    const [span] = flattenTraceRequest(
      aRequest('larksync-directory', [
        {
          traceId: TRACE,
          spanId: CHILD,
          parentSpanId: PARENT,
          name: 'process lark.events.v1',
          kind: 5,
          startTimeUnixNano: '1',
          attributes: [
            { key: 'messaging.batch.message_count', value: { intValue: '2' } },
            { key: 'messaging.system', value: { stringValue: 'kafka' } },
          ],
          links: [{ traceId: TRACE, spanId: PARENT }],
        },
      ]),
    );
    expect(span).toEqual({
      service: 'larksync-directory',
      traceId: TRACE,
      spanId: CHILD,
      parentSpanId: PARENT,
      name: 'process lark.events.v1',
      kind: 'consumer',
      attributes: { 'messaging.batch.message_count': 2, 'messaging.system': 'kafka' },
      links: [{ traceId: TRACE, spanId: PARENT }],
      startTimeUnixNano: '1',
    });
  });

  it('should give a root span an empty parent', () => {
    const [span] = flattenTraceRequest(
      aRequest('larksync-ingress-gateway', [
        { traceId: TRACE, spanId: PARENT, name: 'POST', kind: 'SPAN_KIND_SERVER' },
      ]),
    );
    expect(span).toMatchObject({ parentSpanId: '', kind: 'server' });
  });

  it.each([
    ['hex', TRACE, TRACE],
    ['upper-case hex', PARENT.toUpperCase(), PARENT],
    ['base64', Buffer.from(CHILD, 'hex').toString('base64'), CHILD],
    ['nothing', undefined, ''],
  ])('should read an id given as %s', (_encoding, value, expected) => {
    expect(otlpId(value)).toBe(expected);
  });

  it('should read an empty request as no spans', () => {
    expect(flattenTraceRequest({})).toEqual([]);
  });
});
