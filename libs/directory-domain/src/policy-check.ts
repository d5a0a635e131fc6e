import type { DepartmentRef, SubjectDocument } from '@app/contracts';

/** A policy condition: every clause given must hold. */
export interface PolicyCondition {
  /** The subject belongs to one of these departments (or, with includeSubDepartments, to a department below one). */
  departments?: { ids: string[]; includeSubDepartments: boolean };
  /** Each attribute must equal `equals` and/or be one of `in`. */
  attributes?: { name: string; equals?: string; in?: string[] }[];
  /** Only active subjects match; defaults to true, the safe reading for access control. */
  activeOnly?: boolean;
}

/** What matched, for the explanation. */
export interface PolicyMatch {
  department?: { id: string; via: string; path: DepartmentRef[] };
  attributes?: { name: string; value: string }[];
}

/** allow/deny with a human-readable reason. */
export interface PolicyCheckResult {
  decision: 'allow' | 'deny';
  reason: string;
  matched?: PolicyMatch;
}

const pathText = (path: readonly DepartmentRef[]): string => path.map((p) => p.name || p.id).join(' / ');

type DepartmentMatch = NonNullable<PolicyMatch['department']>;

function matchDepartment(
  subject: SubjectDocument,
  clause: NonNullable<PolicyCondition['departments']>,
): DepartmentMatch | string {
  const wanted = new Set(clause.ids);
  for (const d of subject.departments) {
    if (wanted.has(d.id)) return { id: d.id, via: d.id, path: d.path };
    if (!clause.includeSubDepartments) continue;
    const ancestor = d.path.slice(0, -1).find((ref) => wanted.has(ref.id));
    if (ancestor) return { id: d.id, via: ancestor.id, path: d.path };
  }
  const scope = clause.includeSubDepartments ? 'or their sub-departments' : '(sub-departments excluded)';
  const held = subject.departments.map((d) => pathText(d.path)).join('; ') || 'none';
  return `not in departments ${clause.ids.join(', ')} ${scope}; member of: ${held}`;
}

function matchAttribute(
  subject: SubjectDocument,
  clause: NonNullable<PolicyCondition['attributes']>[number],
): string | null {
  const value = subject.attributes[clause.name];
  if (value === undefined) return `attribute ${clause.name} is not set`;
  if (clause.equals !== undefined && value !== clause.equals)
    return `attribute ${clause.name} is "${value}", not "${clause.equals}"`;
  if (clause.in !== undefined && !clause.in.includes(value))
    return `attribute ${clause.name} is "${value}", not one of ${clause.in.map((v) => `"${v}"`).join(', ')}`;
  return null;
}

const deny = (reason: string): PolicyCheckResult => ({ decision: 'deny', reason });

/** Evaluates a policy condition for a subject, explaining which department path or attribute matched, or why not. */
export function checkPolicy(subject: SubjectDocument, condition: PolicyCondition): PolicyCheckResult {
  if ((condition.activeOnly ?? true) && subject.status !== 'active') {
    return deny(`subject is disabled (${subject.disabledReason ?? 'unknown'})`);
  }
  const matched: PolicyMatch = {};
  const reasons: string[] = [];
  if (condition.departments) {
    const department = matchDepartment(subject, condition.departments);
    if (typeof department === 'string') return deny(department);
    matched.department = department;
    const via = department.via === department.id ? '' : ` (sub-department of ${department.via})`;
    reasons.push(`member of ${pathText(department.path)}${via}`);
  }
  for (const clause of condition.attributes ?? []) {
    const failure = matchAttribute(subject, clause);
    if (failure) return deny(failure);
    (matched.attributes ??= []).push({ name: clause.name, value: subject.attributes[clause.name] });
    reasons.push(`attribute ${clause.name} = "${subject.attributes[clause.name]}"`);
  }
  if (reasons.length === 0)
    reasons.push(subject.status === 'active' ? 'subject is active' : 'no condition to meet');
  return { decision: 'allow', reason: reasons.join('; '), matched };
}
