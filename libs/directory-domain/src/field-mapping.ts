import type { DirectoryUser } from '@app/contracts';
import { USER_FIELDS } from './directory-records';

/** Prefix of a field-mapping source that names a Lark custom attribute by id. */
export const CUSTOM_ATTR_PREFIX = 'custom:';

/** Default SASE attribute → Lark field mapping for a new IdP. */
export const DEFAULT_FIELD_MAPPING: Readonly<Record<string, string>> = {
  email: 'email',
  name: 'name',
  employeeNo: 'employeeNo',
  jobTitle: 'jobTitle',
  mobile: 'mobile',
  employeeType: 'employeeType',
};

/** Custom attributes are mapped one by one as `custom:<id>`, not as a whole. */
type MappableField = Exclude<(typeof USER_FIELDS)[number], 'customAttrs'>;
const MAPPABLE_FIELDS: readonly MappableField[] = USER_FIELDS.filter(
  (field): field is MappableField => field !== 'customAttrs',
);

/** Accepts DirectoryUser names (`jobTitle`) and Lark's snake_case names (`job_title`, `leader_user_id`). */
function normaliseField(field: string): string {
  const aliases: Record<string, string> = {
    leader_user_id: 'leaderOpenId',
    open_id: 'openId',
    union_id: 'unionId',
  };
  if (aliases[field]) return aliases[field];
  return field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function isMappableField(field: string): field is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(field);
}

/** True when `larkField` names a DirectoryUser field or `custom:<attrId>`; the admin API validates mappings with it. */
export function isMappableLarkField(larkField: string): boolean {
  if (larkField.startsWith(CUSTOM_ATTR_PREFIX)) return larkField.length > CUSTOM_ATTR_PREFIX.length;
  return isMappableField(normaliseField(larkField));
}

function fieldValue(user: DirectoryUser, larkField: string): string | null {
  if (larkField.startsWith(CUSTOM_ATTR_PREFIX)) {
    return user.customAttrs[larkField.slice(CUSTOM_ATTR_PREFIX.length)] ?? null;
  }
  const field = normaliseField(larkField);
  if (!isMappableField(field)) return null;
  const value = user[field];
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * SASE attributes of a user: `fieldMapping` is saseAttr → larkField (a DirectoryUser field or `custom:<attrId>`).
 * Missing values and unknown fields are omitted rather than mapped to empty strings.
 */
export function mapAttributes(
  user: DirectoryUser,
  fieldMapping: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [saseAttr, larkField] of Object.entries(fieldMapping)) {
    const value = fieldValue(user, larkField);
    if (value !== null) out[saseAttr] = value;
  }
  return out;
}
