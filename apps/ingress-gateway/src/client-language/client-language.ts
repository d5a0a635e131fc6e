/** The languages the SASE client's messages come in. */
export type ClientLanguage = 'zh-CN' | 'en-US';
export const DEFAULT_LANGUAGE: ClientLanguage = 'en-US';

export type Localized = Record<ClientLanguage, string>;

/**
 * The language of an `Accept-Language` header (RFC 9110 §12.5.4) or a `ui_locales` list: the first, by weight,
 * that is Chinese or English; English when none is.
 */
export function clientLanguage(header: string | undefined): ClientLanguage {
  const ranges = (header ?? '')
    .split(/[,\s]+/)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^q=([0-9.]+)$/.exec(param.trim())).find(Boolean);
      return { tag: tag.toLowerCase(), weight: q ? Number(q[1]) : 1, index };
    })
    .filter((range) => range.tag !== '' && range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en-US';
  }
  return DEFAULT_LANGUAGE;
}
