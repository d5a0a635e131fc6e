import { SubjectFilter } from '../query/projection-query.repository';

const SUPPORTED = ['userName', 'externalId', 'active', 'id'] as const;
const EXPRESSION = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false)\s*$/i;

export type ParsedFilter = { filter: SubjectFilter & { id?: string } } | { problem: string };

/** RFC 7644 §3.4.2.2, the subset the projector serves: one `eq` on userName, externalId, active or id. */
export function parseUserFilter(filter: string | undefined): ParsedFilter {
  if (filter === undefined || filter.trim() === '') return { filter: {} };
  const match = EXPRESSION.exec(filter);
  if (!match)
    return { problem: `unsupported filter; use one of ${SUPPORTED.map((a) => `${a} eq …`).join(', ')}` };
  const attribute = SUPPORTED.find(
    (name) =>
      name.toLowerCase() ===
      match[1].toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, ''),
  );
  if (!attribute)
    return { problem: `filtering on ${match[1]} is not supported; use ${SUPPORTED.join(', ')}` };
  const literal = match[2];
  if (attribute === 'active') {
    if (!/^(true|false)$/i.test(literal)) return { problem: 'active compares with true or false' };
    return { filter: { active: literal.toLowerCase() === 'true' } };
  }
  if (!literal.startsWith('"')) return { problem: `${attribute} compares with a quoted string` };
  const value = JSON.parse(literal) as string;
  return { filter: { [attribute]: value } };
}

export interface Paging {
  /** 1-based, as in SCIM. */
  startIndex: number;
  count: number;
}

export const MAX_PAGE = 500;

/** startIndex below 1 means 1; a negative count means 0; count is capped (RFC 7644 §3.4.2.4). */
export function parsePaging(
  startIndex: string | undefined,
  count: string | undefined,
): Paging | { problem: string } {
  const start = startIndex === undefined ? 1 : Number(startIndex);
  const size = count === undefined ? 100 : Number(count);
  if (!Number.isInteger(start) || !Number.isInteger(size))
    return { problem: 'startIndex and count must be integers' };
  return { startIndex: Math.max(1, start), count: Math.min(MAX_PAGE, Math.max(0, size)) };
}
