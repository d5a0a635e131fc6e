import type { DirectoryUser } from '@app/contracts';

const CUSTOM_PREFIX = 'custom:';

function camelCase(field: string): string {
  return field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function valueOf(user: DirectoryUser, source: string): string | null {
  if (source.startsWith(CUSTOM_PREFIX)) return user.customAttrs[source.slice(CUSTOM_PREFIX.length)] ?? null;
  const field = camelCase(source) as keyof DirectoryUser;
  if (field === 'customAttrs' || !(field in user)) return null;
  const value = user[field];
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * SASE attributes of a user under an IdP's field mapping (SASE attribute → Lark field, a DirectoryUser
 * field or `custom:<attrId>`). Same rule as the directory's mapping; kept local until `@app/directory-domain`
 * exports it from its index. Missing values are left out rather than mapped to ''.
 */
export function mapUserAttributes(user: DirectoryUser, fieldMapping: Readonly<Record<string, string>>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const attribute of Object.keys(fieldMapping).sort()) {
    const value = valueOf(user, fieldMapping[attribute]);
    if (value !== null) attributes[attribute] = value;
  }
  return attributes;
}
