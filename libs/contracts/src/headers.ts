/** Record headers every larksync message carries besides W3C trace context. */
export const MessageHeaders = {
  eventType: 'larksync-event-type',
  idpId: 'larksync-idp-id',
  error: 'larksync-error',
  originalTopic: 'larksync-original-topic',
} as const;
