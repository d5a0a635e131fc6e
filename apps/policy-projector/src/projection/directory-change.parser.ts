import type { DirectoryChange } from '@app/contracts';

const ENTITIES = ['department', 'user', 'idp'];
const OPS = ['created', 'updated', 'moved', 'deactivated', 'deleted'];

function problemOf(value: Record<string, unknown>): string | null {
  for (const field of ['changeId', 'idpId', 'entityId', 'occurredAt']) {
    if (typeof value[field] !== 'string' || value[field] === '') return `${field} must be a non-empty string`;
  }
  if (!ENTITIES.includes(value.entity as string)) return `entity must be one of ${ENTITIES.join(', ')}`;
  if (!OPS.includes(value.op as string)) return `op must be one of ${OPS.join(', ')}`;
  if (!Number.isSafeInteger(value.version) || (value.version as number) < 0)
    return 'version must be a non-negative integer';
  if (Number.isNaN(Date.parse(value.occurredAt as string))) return 'occurredAt must be an ISO date-time';
  if (value.after !== null && typeof value.after !== 'object') return 'after must be an object or null';
  if (value.op !== 'deleted' && value.after === null) return `after is required for op ${String(value.op)}`;
  return afterProblem(value);
}

function afterProblem(value: Record<string, unknown>): string | null {
  const after = value.after as Record<string, unknown> | null;
  if (after === null) return null;
  if (value.entity === 'user' && (typeof after.openId !== 'string' || !Array.isArray(after.departmentIds))) {
    return 'after must be a DirectoryUser (openId, departmentIds)';
  }
  if (value.entity === 'department' && typeof after.openDepartmentId !== 'string')
    return 'after must be a DirectoryDepartment';
  if (
    value.entity === 'idp' &&
    (typeof after.status !== 'string' || typeof after.fieldMapping !== 'object')
  ) {
    return 'after must be an IdpState (status, fieldMapping)';
  }
  return null;
}

/** Parses a `directory.changes.v1` value; returns the reason when it can never be applied. */
export function parseDirectoryChange(
  raw: Buffer | string | null,
): { change: DirectoryChange } | { problem: string } {
  if (raw === null) return { problem: 'empty message value' };
  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch {
    return { problem: 'value is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: 'value is not a JSON object' };
  const problem = problemOf(value as Record<string, unknown>);
  return problem ? { problem } : { change: value as DirectoryChange };
}
