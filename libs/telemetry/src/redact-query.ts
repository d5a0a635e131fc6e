/** A URL or request target with every query value replaced: names stay (useful), values go (codes, states, e-mails). */
export function redactQuery(target: string): string {
  const start = target.indexOf('?');
  if (start < 0) return target;
  const names = target
    .slice(start + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${target.slice(0, start)}?${names.join('&')}`;
}

/** The URL attributes of an incoming request's span (old and stable semantic conventions). */
export const URL_ATTRIBUTES = ['http.target', 'http.url', 'url.full', 'url.query'] as const;
