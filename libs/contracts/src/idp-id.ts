const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IdP ids are UUIDs: anything else names no IdP, so it can be refused before any lookup. */
export function isIdpId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
