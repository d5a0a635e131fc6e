import { Schemas } from './scim-resources';

type AttributeType = 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime' | 'integer';

interface AttributeOptions {
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: Record<string, unknown>[];
  referenceTypes?: string[];
}

/** An attribute definition (RFC 7643 §7); everything is readOnly here since the API is read-only. */
function attribute(
  name: string,
  type: AttributeType,
  description: string,
  options: AttributeOptions = {},
): Record<string, unknown> {
  return {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: 'readOnly',
    returned: 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
    ...(options.referenceTypes ? { referenceTypes: options.referenceTypes } : {}),
  };
}

const memberLike = (referenceType: string) => [
  attribute('value', 'string', 'The id of the referenced resource.'),
  attribute('$ref', 'reference', 'The URI of the referenced resource.', { referenceTypes: [referenceType] }),
  attribute('display', 'string', 'A human-readable name.'),
  attribute('type', 'string', 'The kind of reference.'),
];

const USER_ATTRIBUTES = [
  attribute('userName', 'string', 'Email, else Lark user_id, else open_id.', {
    required: true,
    uniqueness: 'server',
  }),
  attribute('name', 'complex', "The user's name.", {
    subAttributes: [attribute('formatted', 'string', 'The full name.')],
  }),
  attribute('displayName', 'string', 'The name shown to people.'),
  attribute(
    'active',
    'boolean',
    'false when the subject is disabled (resigned, frozen, out of scope, IdP closed).',
  ),
  attribute('emails', 'complex', 'Email addresses.', {
    multiValued: true,
    subAttributes: [
      attribute('value', 'string', 'The address.'),
      attribute('type', 'string', 'work'),
      attribute('primary', 'boolean', 'The primary address.'),
    ],
  }),
  attribute('groups', 'complex', 'Departments the user belongs to directly.', {
    multiValued: true,
    subAttributes: memberLike('Group'),
  }),
];

const GROUP_ATTRIBUTES = [
  attribute('displayName', 'string', 'The department name.', { required: true }),
  attribute('members', 'complex', 'Direct members of the department.', {
    multiValued: true,
    subAttributes: memberLike('User'),
  }),
];

const SUBJECT_ATTRIBUTES = [
  attribute('idpId', 'string', 'The larksync IdP.', { caseExact: true }),
  attribute('openId', 'string', "Lark's open_id.", { caseExact: true }),
  attribute('unionId', 'string', "Lark's union_id.", { caseExact: true }),
  attribute('disabledReason', 'string', 'resigned, frozen, inactive, out_of_scope or idp_closed.'),
  attribute('attributes', 'complex', "Attributes mapped by the IdP's field mapping.", {
    multiValued: true,
    subAttributes: [
      attribute('name', 'string', 'The SASE attribute.'),
      attribute('value', 'string', 'Its value.'),
    ],
  }),
];

function schema(
  baseUrl: string,
  id: string,
  name: string,
  description: string,
  attributes: Record<string, unknown>[],
) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/scim/v2/Schemas/${id}` },
  };
}

export function schemaDocuments(baseUrl: string): Record<string, unknown>[] {
  return [
    schema(baseUrl, Schemas.user, 'User', 'A Lark user as SASE policies see it', USER_ATTRIBUTES),
    schema(baseUrl, Schemas.group, 'Group', 'A Lark department', GROUP_ATTRIBUTES),
    schema(baseUrl, Schemas.subject, 'SaseSubject', 'larksync subject details', SUBJECT_ATTRIBUTES),
  ];
}

export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  const type = (id: string, endpoint: string, schemaUrn: string, extensions: string[]) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id,
    name: id,
    endpoint,
    description: `${id}s of every connected Lark IdP (read-only)`,
    schema: schemaUrn,
    schemaExtensions: extensions.map((extension) => ({ schema: extension, required: false })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/scim/v2/ResourceTypes/${id}` },
  });
  return [
    type('User', '/Users', Schemas.user, [Schemas.subject]),
    type('Group', '/Groups', Schemas.group, []),
  ];
}

export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${baseUrl}/scim/v2/Schemas`,
    patch: { supported: false },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 500 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'Authorization: Bearer <a policy-reader credential, lsk_…>',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/scim/v2/ServiceProviderConfig` },
  };
}
