/** Deep equality of two documents ignoring `version` and `updatedAt` (jsonb does not keep key order). */
export function hasSameContent(a: object | null, b: object | null): boolean {
  if (a === null || b === null) return a === b;
  const { version: _v1, updatedAt: _u1, ...left } = a as Record<string, unknown>;
  const { version: _v2, updatedAt: _u2, ...right } = b as Record<string, unknown>;
  return deepEqual(left, right);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

export interface Versioned {
  version: number;
  updatedAt: string;
}

/**
 * Stamps a freshly built document. The version is the time of the newest change it was built from, so
 * a replay of the same changes stamps the same version; it never goes back, and grows whenever the
 * content changes even if the clocks did not.
 */
export function stampVersion<T extends object>(
  content: T,
  watermark: number,
  previous: { document: (T & Versioned) | null; version: number },
): { document: T & Versioned; changed: boolean } {
  if (previous.document && hasSameContent(previous.document, content)) return { document: previous.document, changed: false };
  const version = Math.max(watermark, previous.version + (previous.version > 0 ? 1 : 0));
  return { document: { ...content, version, updatedAt: new Date(watermark).toISOString() }, changed: true };
}
