import { randomUUID } from 'node:crypto';
import type {
  ChangeCause,
  ChangeOp,
  DirectoryChange,
  DirectoryDepartment,
  DirectoryUser,
  IdpState,
} from '@app/contracts';

export function aUser(overrides: Partial<DirectoryUser> & { openId: string }): DirectoryUser {
  return {
    unionId: `on_${overrides.openId}`,
    userId: `u_${overrides.openId}`,
    name: `Name ${overrides.openId}`,
    enName: null,
    email: `${overrides.openId}@example.test`,
    enterpriseEmail: null,
    mobile: null,
    employeeNo: `E-${overrides.openId}`,
    employeeType: 1,
    jobTitle: 'Engineer',
    departmentIds: [],
    primaryDepartmentId: null,
    leaderOpenId: null,
    status: 'active',
    customAttrs: {},
    ...overrides,
  };
}

export function aDepartment(
  overrides: Partial<DirectoryDepartment> & { openDepartmentId: string },
): DirectoryDepartment {
  return {
    departmentId: null,
    name: `Dept ${overrides.openDepartmentId}`,
    parentId: null,
    path: [],
    leaderOpenId: null,
    order: 0,
    status: 'active',
    ...overrides,
  };
}

/** Produces the changes the directory would for one IdP: per-entity versions and an advancing clock. */
export class ChangeStream {
  private readonly versions = new Map<string, number>();
  private clock = Date.parse('2025-12-01T00:00:00.000Z');

  constructor(readonly idpId: string = `idp-${randomUUID()}`) {}

  user(after: DirectoryUser, op: ChangeOp = 'updated', cause?: ChangeCause): DirectoryChange {
    return this.change('user', after.openId, op, after, cause);
  }

  userDeleted(openId: string): DirectoryChange {
    return this.change('user', openId, 'deleted', null);
  }

  department(after: DirectoryDepartment, op: ChangeOp = 'updated'): DirectoryChange {
    return this.change('department', after.openDepartmentId, op, after);
  }

  departmentDeleted(id: string): DirectoryChange {
    return this.change('department', id, 'deleted', null);
  }

  idp(status: IdpState['status'], fieldMapping: Record<string, string> = {}): DirectoryChange {
    return this.change('idp', this.idpId, 'updated', { idpId: this.idpId, status, fieldMapping });
  }

  private change(
    entity: DirectoryChange['entity'],
    entityId: string,
    op: ChangeOp,
    after: unknown,
    cause?: ChangeCause,
  ): DirectoryChange {
    const version = (this.versions.get(`${entity}/${entityId}`) ?? 0) + 1;
    this.versions.set(`${entity}/${entityId}`, version);
    this.clock += 1000;
    return {
      changeId: randomUUID(),
      idpId: this.idpId,
      entity,
      entityId,
      op,
      before: null,
      after,
      cause: cause ?? { kind: 'sync', runId: 'run-1' },
      version,
      occurredAt: new Date(this.clock).toISOString(),
    } as DirectoryChange;
  }
}
