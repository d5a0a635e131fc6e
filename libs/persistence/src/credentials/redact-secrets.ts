const SECRET_KEY = /secret|password|encryptkey|verificationtoken|token$/i;

/** A copy of `value` with every field whose name says it holds a secret replaced: no secret reaches the audit trail. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(field),
    ]),
  );
}
