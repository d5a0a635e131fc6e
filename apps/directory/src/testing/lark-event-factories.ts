import { randomUUID } from 'node:crypto';
import { ContactEventType, entityKey, LarkEventEnvelope } from '@app/contracts';

export interface DepartmentSpec {
  id: string;
  parent?: string;
  name?: string;
}

export interface UserSpec {
  id: string;
  departments: string[];
  name?: string;
  email?: string;
  resigned?: boolean;
}

/** A `lark.events.v1` value as the gateway publishes it. */
export function aLarkEvent(
  idpId: string,
  eventType: ContactEventType,
  createTime: number,
  payload: Record<string, unknown>,
): LarkEventEnvelope {
  return {
    idpId,
    eventId: `ev-${randomUUID()}`,
    eventType,
    createTime,
    tenantKey: 'tenant-1',
    appId: 'cli_test',
    schema: '2.0',
    payload,
    receivedAt: new Date().toISOString(),
  };
}

export function departmentObject({ id, parent, name }: DepartmentSpec): Record<string, unknown> {
  return {
    open_department_id: id,
    parent_department_id: parent ?? '0',
    name: name ?? `Dept ${id}`,
    order: 1,
    status: { is_deleted: false },
  };
}

export function userObject({ id, departments, name, email, resigned }: UserSpec): Record<string, unknown> {
  return {
    open_id: id,
    union_id: `on_${id}`,
    name: name ?? `User ${id}`,
    email: email ?? `${id}@example.com`,
    department_ids: departments,
    status: {
      is_activated: true,
      is_frozen: false,
      is_resigned: resigned ?? false,
      is_exited: false,
      is_unjoin: false,
    },
  };
}

export function aDepartmentEvent(
  idpId: string,
  kind: 'created' | 'updated' | 'deleted',
  spec: DepartmentSpec,
  createTime: number,
): LarkEventEnvelope {
  return aLarkEvent(idpId, `contact.department.${kind}_v3`, createTime, { object: departmentObject(spec) });
}

export function aUserEvent(
  idpId: string,
  kind: 'created' | 'updated' | 'deleted',
  spec: UserSpec,
  createTime: number,
): LarkEventEnvelope {
  return aLarkEvent(idpId, `contact.user.${kind}_v3`, createTime, { object: userObject(spec) });
}

/** The Kafka record of an event, keyed by IdP and entity as the gateway does. */
export function toRecord(event: LarkEventEnvelope): { key: string; value: string } {
  const object = (event.payload.object ?? {}) as Record<string, string>;
  return {
    key: entityKey(event.idpId, object.open_id ?? object.open_department_id ?? 'scope'),
    value: JSON.stringify(event),
  };
}
