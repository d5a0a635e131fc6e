import { randomUUID } from 'node:crypto';

export interface Schema2Overrides {
  eventId?: string;
  eventType?: string;
  token?: string;
  appId?: string;
  tenantKey?: string;
  createTime?: string;
  event?: Record<string, unknown>;
}

/** A schema 2.0 event body as Lark sends it (header keys in Lark's order). */
export function aSchema2Event(overrides: Schema2Overrides = {}): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: overrides.eventId ?? `evt_${randomUUID().replace(/-/g, '')}`,
      token: overrides.token ?? 'vt_factory_token',
      create_time: overrides.createTime ?? '1718000000123',
      event_type: overrides.eventType ?? 'contact.user.updated_v3',
      tenant_key: overrides.tenantKey ?? 'tenant_factory',
      app_id: overrides.appId ?? 'cli_factory0000000',
    },
    event: overrides.event ?? {
      object: { open_id: 'ou_factory_user', name: 'Factory User' },
      old_object: { name: 'Old' },
    },
  };
}

export interface Schema1Overrides {
  uuid?: string;
  type?: string;
  token?: string;
  appId?: string;
  ts?: string;
  ids?: Record<string, unknown>;
}

/** A legacy schema 1.0 event body (ids only). */
export function aSchema1Event(overrides: Schema1Overrides = {}): Record<string, unknown> {
  return {
    uuid: overrides.uuid ?? randomUUID().replace(/-/g, ''),
    ts: overrides.ts ?? '1718000300.123456',
    token: overrides.token ?? 'vt_factory_token',
    type: 'event_callback',
    event: {
      type: overrides.type ?? 'user_leave',
      app_id: overrides.appId ?? 'cli_factory0000000',
      tenant_key: 'tenant_factory',
      ...(overrides.ids ?? { open_id: 'ou_factory_user', employee_id: 'u1' }),
    },
  };
}

export function aChallenge(
  token = 'vt_factory_token',
  challenge: string = randomUUID(),
): Record<string, unknown> {
  return { challenge, token, type: 'url_verification' };
}
