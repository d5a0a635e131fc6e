/**
 * A test-only check of SCIM payloads against the attribute definitions of RFC 7643 (§3, §4.1, §4.2, §5, §6, §7)
 * and RFC 7644 (§3.4.2 ListResponse, §3.12 Error). Hand-written: no maintained SCIM validator is installed.
 */
type Rule = {
  type: 'string' | 'boolean' | 'integer' | 'dateTime' | 'reference' | 'complex';
  required?: boolean;
  multi?: boolean;
  sub?: Shape;
  canonical?: string[];
};
type Shape = Record<string, Rule>;

const s = (required = false): Rule => ({ type: 'string', required });
const b = (required = false): Rule => ({ type: 'boolean', required });
const multiRef = (extra: Shape = {}): Rule => ({
  type: 'complex',
  multi: true,
  sub: { value: s(), $ref: { type: 'reference' }, display: s(), type: s(), ...extra },
});

const META: Rule = {
  type: 'complex',
  sub: {
    resourceType: s(),
    created: { type: 'dateTime' },
    lastModified: { type: 'dateTime' },
    location: { type: 'reference' },
    version: s(),
  },
};
const COMMON: Shape = {
  schemas: { type: 'reference', required: true, multi: true },
  id: s(true),
  externalId: s(),
  meta: META,
};

const SHAPES: Record<string, Shape> = {
  'urn:ietf:params:scim:schemas:core:2.0:User': {
    ...COMMON,
    userName: s(true),
    name: { type: 'complex', sub: { formatted: s(), familyName: s(), givenName: s() } },
    displayName: s(),
    active: b(),
    emails: { type: 'complex', multi: true, sub: { value: s(), display: s(), type: s(), primary: b() } },
    groups: multiRef(),
  },
  'urn:ietf:params:scim:schemas:core:2.0:Group': { ...COMMON, displayName: s(true), members: multiRef() },
  'urn:ietf:params:scim:api:messages:2.0:ListResponse': {
    schemas: COMMON.schemas,
    totalResults: { type: 'integer', required: true },
    Resources: { type: 'complex', multi: true },
    startIndex: { type: 'integer' },
    itemsPerPage: { type: 'integer' },
  },
  'urn:ietf:params:scim:api:messages:2.0:Error': {
    schemas: COMMON.schemas,
    status: s(true),
    detail: s(),
    scimType: {
      type: 'string',
      canonical: [
        'invalidFilter',
        'tooMany',
        'uniqueness',
        'mutability',
        'invalidSyntax',
        'invalidPath',
        'noTarget',
        'invalidValue',
        'invalidVers',
        'sensitive',
      ],
    },
  },
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig': {
    schemas: COMMON.schemas,
    documentationUri: { type: 'reference' },
    patch: { type: 'complex', required: true, sub: { supported: b(true) } },
    bulk: {
      type: 'complex',
      required: true,
      sub: {
        supported: b(true),
        maxOperations: { type: 'integer', required: true },
        maxPayloadSize: { type: 'integer', required: true },
      },
    },
    filter: {
      type: 'complex',
      required: true,
      sub: { supported: b(true), maxResults: { type: 'integer', required: true } },
    },
    changePassword: { type: 'complex', required: true, sub: { supported: b(true) } },
    sort: { type: 'complex', required: true, sub: { supported: b(true) } },
    etag: { type: 'complex', required: true, sub: { supported: b(true) } },
    authenticationSchemes: {
      type: 'complex',
      required: true,
      multi: true,
      sub: { type: s(true), name: s(true), description: s(true) },
    },
    meta: META,
  },
  'urn:ietf:params:scim:schemas:core:2.0:ResourceType': {
    ...COMMON,
    name: s(true),
    endpoint: { type: 'reference', required: true },
    description: s(),
    schema: { type: 'reference', required: true },
    schemaExtensions: {
      type: 'complex',
      multi: true,
      sub: { schema: { type: 'reference', required: true }, required: b(true) },
    },
  },
  'urn:ietf:params:scim:schemas:core:2.0:Schema': {
    ...COMMON,
    name: s(),
    description: s(),
    attributes: {
      type: 'complex',
      required: true,
      multi: true,
      sub: {
        name: s(true),
        type: {
          type: 'string',
          required: true,
          canonical: [
            'string',
            'boolean',
            'decimal',
            'integer',
            'dateTime',
            'reference',
            'binary',
            'complex',
          ],
        },
        multiValued: b(true),
        required: b(true),
        caseExact: b(),
        mutability: { type: 'string', canonical: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] },
        returned: { type: 'string', canonical: ['always', 'never', 'default', 'request'] },
        uniqueness: { type: 'string', canonical: ['none', 'server', 'global'] },
        description: s(),
      },
    },
  },
};

function typeProblem(rule: Rule, value: unknown): string | null {
  switch (rule.type) {
    case 'string':
    case 'reference':
      return typeof value === 'string'
        ? rule.canonical && !rule.canonical.includes(value)
          ? `"${value}" is not canonical`
          : null
        : 'not a string';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'not a boolean';
    case 'integer':
      return Number.isInteger(value) ? null : 'not an integer';
    case 'dateTime':
      return typeof value === 'string' &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
        ? null
        : 'not an xsd:dateTime';
    case 'complex':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? null
        : 'not a complex value';
  }
}

function check(shape: Shape, value: Record<string, unknown>, at: string, problems: string[]): void {
  for (const [name, rule] of Object.entries(shape)) {
    const present = value[name];
    if (present === undefined || present === null) {
      if (rule.required) problems.push(`${at}${name}: required`);
      continue;
    }
    const items = rule.multi
      ? Array.isArray(present)
        ? present
        : (problems.push(`${at}${name}: must be multi-valued`), [])
      : [present];
    if (!rule.multi && Array.isArray(present)) problems.push(`${at}${name}: must be single-valued`);
    items.forEach((item, index) => {
      const where = `${at}${name}${rule.multi ? `[${index}]` : ''}`;
      const problem = typeProblem(rule, item);
      if (problem) problems.push(`${where}: ${problem}`);
      else if (rule.sub) check(rule.sub, item as Record<string, unknown>, `${where}.`, problems);
    });
  }
}

/** Problems of a SCIM payload against every core schema URN it declares (and its list items, recursively). */
export function scimProblems(payload: Record<string, any>, at = ''): string[] {
  const problems: string[] = [];
  const schemas: unknown = payload.schemas;
  if (!Array.isArray(schemas) || schemas.length === 0) return [`${at}schemas: required`];
  for (const urn of schemas) {
    if (SHAPES[urn]) check(SHAPES[urn], payload, at, problems);
    else if (!(urn in payload) && !urn.startsWith('urn:ietf:'))
      problems.push(`${at}${urn}: extension declared but absent`);
  }
  if (Array.isArray(payload.Resources))
    payload.Resources.forEach((item: any, index: number) =>
      problems.push(...scimProblems(item, `${at}Resources[${index}].`)),
    );
  return problems;
}
