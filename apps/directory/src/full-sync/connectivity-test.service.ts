import { Injectable } from '@nestjs/common';
import { ALL_SCOPE } from '@app/directory-domain';
import { LarkContactClient } from '@app/lark';
import { Idp } from '@app/persistence';
import { LarkClientFactory } from './lark-client.factory';
import { describeError } from './sync-errors';

export interface ConnectivityCheck {
  name: 'token' | 'contact-scope' | 'department' | 'user';
  ok: boolean;
  detail: string;
  /** What the admin must do, for a failed check. */
  fix?: string;
}

export interface TypedCredentials {
  appId: string;
  appSecret: string;
  platform?: Idp['platform'];
  scope?: Idp['scope'];
}

export interface ConnectivityReport {
  ok: boolean;
  checks: ConnectivityCheck[];
}

type Probe = (client: LarkContactClient, found: ProbeState) => Promise<string>;

interface ProbeState {
  departmentId?: string;
  userId?: string;
}

const PROBES: [ConnectivityCheck['name'], Probe][] = [
  ['token', async (client) => (await client.tenantToken(true), 'tenant_access_token issued')],
  ['contact-scope', probeScope],
  ['department', probeDepartment],
  ['user', probeUser],
];

/** Token, contact scope, one department and one user: each failure with its fix. Later checks are skipped after a failure. */
@Injectable()
export class ConnectivityTestService {
  constructor(private readonly clients: LarkClientFactory) {}

  run(idp: Idp): Promise<ConnectivityReport> {
    return this.probe(this.clients.clientFor(idp), idp.scope);
  }

  /** The same checks with credentials typed in the console (the saved secret when `appSecret` is empty). */
  runTyped(typed: TypedCredentials, saved: Idp | undefined): Promise<ConnectivityReport> {
    const appSecret = typed.appSecret || (saved ? this.clients.savedSecretOf(saved) : '');
    const platform = typed.platform ?? saved?.platform ?? 'feishu';
    const client = this.clients.clientForTyped({ appId: typed.appId, appSecret, platform });
    return this.probe(client, typed.scope ?? saved?.scope ?? ALL_SCOPE);
  }

  private async probe(client: LarkContactClient, scope: Idp['scope']): Promise<ConnectivityReport> {
    const state: ProbeState = scope.mode === 'partial' ? { departmentId: scope.departmentIds[0] } : {};
    const checks: ConnectivityCheck[] = [];
    for (const [name, probe] of PROBES) {
      if (checks.some((check) => !check.ok)) {
        checks.push({ name, ok: false, detail: 'skipped: an earlier check failed' });
        continue;
      }
      try {
        checks.push({ name, ok: true, detail: await probe(client, state) });
      } catch (error) {
        checks.push({ name, ok: false, detail: 'failed', fix: describeError(error).message });
      }
    }
    return { ok: checks.every((check) => check.ok), checks };
  }
}

async function probeScope(client: LarkContactClient, state: ProbeState): Promise<string> {
  const scope = await client.scopes();
  if (scope.departmentIds.length === 0 && scope.userIds.length === 0) {
    throw new Error(
      "The contact scope is empty: add departments or users to the app's contact permission scope in the Lark developer console and publish a new app version",
    );
  }
  state.departmentId ??= scope.departmentIds[0];
  state.userId = scope.userIds[0];
  return `${scope.departmentIds.length} department(s), ${scope.userIds.length} user(s) and ${scope.groupIds.length} group(s) in scope`;
}

async function probeDepartment(client: LarkContactClient, state: ProbeState): Promise<string> {
  if (!state.departmentId) return 'no department in scope to read';
  const department = await client.department(state.departmentId);
  const [member] = await client.firstUsersInDepartment(state.departmentId);
  state.userId ??= member?.open_id;
  return `department ${department.open_department_id} readable`;
}

async function probeUser(client: LarkContactClient, state: ProbeState): Promise<string> {
  if (!state.userId) return 'no user in scope to read';
  const user = await client.user(state.userId);
  return `user ${user.open_id} readable`;
}
