/** Deep equality of two documents ignoring `version` and `updatedAt` (jsonb does not keep key order). */
function hasSameContent(a: object | null, b: object | null): boolean {
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
  return keysA.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export interface Versioned {
  version: number;
  updatedAt: string;
}

/** Room for the input-version sum below the millisecond: safe integers hold ms × 1000 until the year 2255. */
const TIE_RANGE = 1000;

/**
 * Stamps a freshly built document. The version is a function of its inputs only — (time of the newest
 * input change, sum of the input versions) — so a replay stamps the same versions whatever the
 * interleaving of partitions. A document is re-stamped (and re-published) whenever its inputs moved;
 * the version never goes back and grows with every content change even if the clocks did not.
 */
export function stampVersion<T extends object>(
  content: T,
  watermark: number,
  inputVersions: number,
  previous: { document: (T & Versioned) | null; version: number },
): { document: T & Versioned; changed: boolean } {
  const stamped = watermark * TIE_RANGE + Math.min(inputVersions, TIE_RANGE - 1);
  const same = previous.document !== null && hasSameContent(previous.document, content);
  if (same && stamped <= previous.version) return { document: previous.document!, changed: false };
  const version = Math.max(stamped, previous.version + (previous.version > 0 ? 1 : 0));
  return { document: { ...content, version, updatedAt: new Date(watermark).toISOString() }, changed: true };
}
