import type { DepartmentNode, SubjectDocument } from '@app/contracts';
import { entityKey } from '@app/contracts';
import { subjectUserName } from '@app/directory-domain';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const Schemas = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  subject: 'urn:larksync:params:scim:schemas:extension:sase:1.0:Subject',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

/** SCIM ids span IdPs: `<idpId>:<lark id>`, the same as the Kafka keys. */
export function splitScimId(id: string): { idpId: string; id: string } | null {
  const at = id.indexOf(':');
  return at > 0 && at < id.length - 1 ? { idpId: id.slice(0, at), id: id.slice(at + 1) } : null;
}

export const scimVersion = (version: number) => `W/"${version}"`;

export function toScimUser(subject: SubjectDocument, baseUrl: string): Record<string, unknown> {
  const id = entityKey(subject.idpId, subject.openId);
  return {
    schemas: [Schemas.user, Schemas.subject],
    id,
    ...(subject.userId ? { externalId: subject.userId } : {}),
    userName: subjectUserName(subject),
    name: { formatted: subject.name },
    displayName: subject.name,
    active: subject.status === 'active',
    ...(subject.email ? { emails: [{ value: subject.email, type: 'work', primary: true }] } : {}),
    groups: subject.departments.map((department) => ({
      value: entityKey(subject.idpId, department.id),
      $ref: `${baseUrl}/scim/v2/Groups/${encodeURIComponent(entityKey(subject.idpId, department.id))}`,
      display: department.path[department.path.length - 1]?.name ?? department.id,
      type: 'direct',
    })),
    [Schemas.subject]: {
      idpId: subject.idpId,
      openId: subject.openId,
      ...(subject.unionId ? { unionId: subject.unionId } : {}),
      ...(subject.disabledReason ? { disabledReason: subject.disabledReason } : {}),
      attributes: Object.entries(subject.attributes).map(([name, value]) => ({ name, value })),
    },
    meta: meta('User', `${baseUrl}/scim/v2/Users/${encodeURIComponent(id)}`, subject),
  };
}

export function toScimGroup(
  node: DepartmentNode,
  members: { openId: string; name: string }[],
  baseUrl: string,
): Record<string, unknown> {
  const id = entityKey(node.idpId, node.departmentId);
  return {
    schemas: [Schemas.group],
    id,
    externalId: node.departmentId,
    displayName: node.name,
    members: members.map((member) => ({
      value: entityKey(node.idpId, member.openId),
      $ref: `${baseUrl}/scim/v2/Users/${encodeURIComponent(entityKey(node.idpId, member.openId))}`,
      display: member.name,
      type: 'User',
    })),
    meta: meta('Group', `${baseUrl}/scim/v2/Groups/${encodeURIComponent(id)}`, node),
  };
}

function meta(resourceType: string, location: string, document: { version: number; updatedAt: string }) {
  return { resourceType, lastModified: document.updatedAt, location, version: scimVersion(document.version) };
}

export function listResponse(
  resources: unknown[],
  total: number,
  startIndex: number,
): Record<string, unknown> {
  return {
    schemas: [Schemas.list],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export type ScimType = 'invalidFilter' | 'invalidValue' | 'mutability' | 'tooMany';

export function scimError(status: number, detail: string, scimType?: ScimType): Record<string, unknown> {
  return { schemas: [Schemas.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}
