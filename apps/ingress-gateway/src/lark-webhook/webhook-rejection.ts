/** Why a delivery was turned away: the HTTP status, a stable error code (also the metric label) and a message. */
export class WebhookRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejection';
  }
}

export const rejections = {
  unknownIdp: () => new WebhookRejection(404, 'unknown_idp', 'no IdP with this id'),
  idpClosed: () => new WebhookRejection(403, 'idp_closed', 'this IdP is closed'),
  badSignature: () =>
    new WebhookRejection(401, 'bad_signature', 'X-Lark-Signature does not match the raw body'),
  missingSignature: () =>
    new WebhookRejection(
      401,
      'missing_signature',
      'X-Lark-Signature, -Request-Timestamp and -Request-Nonce are required',
    ),
  staleTimestamp: () =>
    new WebhookRejection(
      401,
      'stale_timestamp',
      "X-Lark-Request-Timestamp is outside the window of Lark's retry schedule (7 h 15 min back, 5 min ahead)",
    ),
  notJson: () => new WebhookRejection(400, 'not_json', 'body is not JSON'),
  unexpectedEncryption: () =>
    new WebhookRejection(400, 'unexpected_encryption', 'encrypted body, but this IdP has no Encrypt Key'),
  futureCreateTime: () =>
    new WebhookRejection(
      400,
      'future_create_time',
      "the event's create_time is more than 5 minutes ahead of this server's clock",
    ),
  badToken: () => new WebhookRejection(401, 'bad_token', 'Verification Token missing or wrong'),
  appMismatch: () => new WebhookRejection(403, 'app_mismatch', "the event's app_id is not this IdP's App ID"),
  tenantMismatch: () =>
    new WebhookRejection(403, 'tenant_mismatch', "the event's tenant_key is not this IdP's tenant"),
  kafkaUnavailable: () =>
    new WebhookRejection(503, 'kafka_unavailable', 'the event could not be stored in time; retry later'),
  lookupFailed: () =>
    new WebhookRejection(503, 'idp_lookup_failed', 'the IdP configuration could not be read; retry later'),
};
