import type { DepartmentRef, SubjectDocument } from '@app/contracts';

export type AttributeCondition = { name: string; equals: string } | { name: string; in: string[] };

export interface DepartmentCondition {
  id: string;
  includeSubDepartments: boolean;
}

/** A SASE policy condition: every present clause must hold; any one listed department is enough. */
export interface PolicyCondition {
  departments?: DepartmentCondition[];
  attributes?: AttributeCondition[];
  /** Default true: a disabled subject never matches. */
  activeOnly?: boolean;
}

export type CheckReason = 'matched' | 'subject_not_found' | 'subject_disabled' | 'department_not_matched' | 'attribute_not_matched';

export interface CheckResult {
  decision: 'allow' | 'deny';
  reason: CheckReason;
  detail: string;
  /** The department path that matched (the subject's own department last). */
  matchedDepartment?: { conditionId: string; path: DepartmentRef[] };
  matchedAttributes?: { name: string; value: string }[];
  subjectVersion?: number;
}

const deny = (reason: CheckReason, detail: string, subject?: SubjectDocument | null): CheckResult => ({
  decision: 'deny',
  reason,
  detail,
  ...(subject ? { subjectVersion: subject.version } : {}),
});

function matchDepartment(subject: SubjectDocument, conditions: DepartmentCondition[]): CheckResult['matchedDepartment'] | null {
  for (const condition of conditions) {
    for (const department of subject.departments) {
      const direct = department.id === condition.id;
      const below = condition.includeSubDepartments && department.path.some((step) => step.id === condition.id);
      if (direct || below) return { conditionId: condition.id, path: department.path };
    }
  }
  return null;
}

function attributeMatches(value: string | undefined, condition: AttributeCondition): boolean {
  if (value === undefined) return false;
  return 'equals' in condition ? value === condition.equals : condition.in.includes(value);
}

/** How SASE policies read a subject: allow or deny, and why. */
export function checkPolicy(subject: SubjectDocument | null, condition: PolicyCondition): CheckResult {
  if (!subject) return deny('subject_not_found', 'the subject is not in the projection (unknown, or it left the directory)');
  if ((condition.activeOnly ?? true) && subject.status !== 'active') {
    return deny('subject_disabled', `the subject is disabled (${subject.disabledReason})`, subject);
  }
  let matchedDepartment: CheckResult['matchedDepartment'];
  if (condition.departments?.length) {
    const matched = matchDepartment(subject, condition.departments);
    if (!matched) {
      const wanted = condition.departments.map((d) => `${d.id}${d.includeSubDepartments ? ' (with sub-departments)' : ''}`).join(', ');
      return deny('department_not_matched', `none of the subject's departments is ${wanted}`, subject);
    }
    matchedDepartment = matched;
  }
  const matchedAttributes: { name: string; value: string }[] = [];
  for (const attribute of condition.attributes ?? []) {
    const value = subject.attributes[attribute.name];
    if (!attributeMatches(value, attribute)) {
      const expected = 'equals' in attribute ? `= ${attribute.equals}` : `in [${attribute.in.join(', ')}]`;
      return deny('attribute_not_matched', `attribute ${attribute.name} is ${value === undefined ? 'absent' : `"${value}"`}, expected ${expected}`, subject);
    }
    matchedAttributes.push({ name: attribute.name, value: value! });
  }
  const why = [matchedDepartment && `department path ${matchedDepartment.path.map((step) => step.name).join(' / ')}`, matchedAttributes.length && `attributes ${matchedAttributes.map((a) => a.name).join(', ')}`]
    .filter(Boolean)
    .join('; ');
  return {
    decision: 'allow',
    reason: 'matched',
    detail: why ? `matched ${why}` : 'no clause to check; the subject is known' + (condition.activeOnly === false ? '' : ' and active'),
    ...(matchedDepartment ? { matchedDepartment } : {}),
    ...(matchedAttributes.length ? { matchedAttributes } : {}),
    subjectVersion: subject.version,
  };
}
