import { randomUUID } from 'node:crypto';
import { DirectoryDepartment, DirectoryUser } from '@app/contracts';

/** A department in the contract shape; override what the test is about. */
export function aDepartment(overrides: Partial<DirectoryDepartment> = {}): DirectoryDepartment {
  return {
    openDepartmentId: `od-${randomUUID().slice(0, 8)}`,
    departmentId: null,
    name: 'Engineering',
    parentId: null,
    path: [],
    leaderOpenId: null,
    order: 0,
    status: 'active',
    ...overrides,
  };
}

/** A user in the contract shape; override what the test is about. */
export function aUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    openId: `ou_${randomUUID().slice(0, 8)}`,
    unionId: null,
    userId: null,
    name: 'Zhang San',
    enName: null,
    email: null,
    enterpriseEmail: null,
    mobile: null,
    employeeNo: null,
    employeeType: 1,
    jobTitle: null,
    departmentIds: [],
    primaryDepartmentId: null,
    leaderOpenId: null,
    status: 'active',
    customAttrs: {},
    ...overrides,
  };
}

/** A fresh IdP id per test file, so parallel files never see each other's rows. */
export function anIdpId(): string {
  return randomUUID();
}
