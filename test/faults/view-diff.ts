import type { SubjectDocument, UserStatus } from '@app/contracts';
import type { SimUser } from '../lark-simulator';

/** What every view must say about one user once it has converged. */
export interface ExpectedUser {
  openId: string;
  name: string;
  status: UserStatus;
  /** Sorted; compared for active users only (a resigned user's last departments are kept as history). */
  departmentIds: string[];
}

export interface ViewUser {
  name: string;
  /** The directory's status, or for a subject 'active' / 'disabled'. */
  status: string;
  departmentIds: string[];
}

export type ViewName = 'directory' | 'topic' | 'query API';

export interface Difference {
  view: ViewName;
  openId: string;
  field: 'missing' | 'name' | 'status' | 'departments';
  expected: string;
  actual: string;
}

export function expectedUser(user: SimUser): ExpectedUser {
  return {
    openId: user.openId,
    name: user.name,
    status: simStatus(user),
    departmentIds: [...user.departmentOpenIds].sort(),
  };
}

export function simStatus({ status }: SimUser): UserStatus {
  if (status.isResigned || status.isExited) return 'resigned';
  if (status.isFrozen) return 'frozen';
  if (!status.isActivated || status.isUnjoin) return 'inactive';
  return 'active';
}

export function subjectView(subject: SubjectDocument): ViewUser {
  return {
    name: subject.name,
    status: subject.status,
    departmentIds: subject.departments.map((department) => department.id).sort(),
  };
}

/**
 * Every difference between the truth and one view. The directory keeps Lark's status; the topic and the query API say
 * active or disabled. A user who is not active may be absent (hired and resigned before the directory saw the hire).
 */
export function diffView(view: ViewName, truth: ExpectedUser[], actual: Map<string, ViewUser>): Difference[] {
  const differences: Difference[] = [];
  const differ = (openId: string, field: Difference['field'], expected: string, got: string) =>
    differences.push({ view, openId, field, expected, actual: got });
  for (const expected of truth) {
    const found = actual.get(expected.openId);
    const wantedStatus = view === 'directory' || expected.status === 'active' ? expected.status : 'disabled';
    if (!found) {
      if (expected.status === 'active') differ(expected.openId, 'missing', wantedStatus, 'absent');
      continue;
    }
    if (found.status !== wantedStatus) differ(expected.openId, 'status', wantedStatus, found.status);
    if (found.name !== expected.name) differ(expected.openId, 'name', expected.name, found.name);
    const departments = [...found.departmentIds].sort().join(',');
    if (expected.status === 'active' && departments !== expected.departmentIds.join(','))
      differ(expected.openId, 'departments', expected.departmentIds.join(','), departments);
  }
  return differences;
}

/** Users active in Lark that some view holds as not active: access lost by accident (not yet there is not lost). */
export function wronglyDeactivated(differences: Difference[], truth: ExpectedUser[]): string[] {
  const active = new Set(truth.filter((user) => user.status === 'active').map((user) => user.openId));
  const wrong = differences.filter(
    (difference) =>
      active.has(difference.openId) && difference.field === 'status' && difference.actual !== 'active',
  );
  return [...new Set(wrong.map((difference) => difference.openId))];
}

export function describeDifferences(differences: Difference[], limit = 20): string {
  const lines = differences
    .slice(0, limit)
    .map((d) => `  ${d.view}: ${d.openId} ${d.field}: expected ${d.expected}, got ${d.actual}`);
  if (differences.length > limit) lines.push(`  … and ${differences.length - limit} more`);
  return lines.join('\n');
}
