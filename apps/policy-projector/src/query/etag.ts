import { createHash } from 'node:crypto';

/** A strong ETag from a document version or from the parts a collection is made of. */
export function etagOf(...parts: (string | number)[]): string {
  if (parts.length === 1) return `"${parts[0]}"`;
  return `"${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match: weak comparison against a list of tags or `*`. */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
