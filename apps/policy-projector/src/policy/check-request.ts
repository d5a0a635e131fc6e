import type { PolicyCondition } from '@app/directory-domain';

export interface CheckRequest {
  openId: string;
  condition: PolicyCondition;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

function departmentProblems(value: unknown): string[] {
  if (value === undefined) return [];
  const valid =
    isObject(value) &&
    isTextList(value.ids) &&
    value.ids.length > 0 &&
    (value.includeSubDepartments === undefined || typeof value.includeSubDepartments === 'boolean');
  return valid
    ? []
    : ['condition.departments must be { ids: string[] (not empty), includeSubDepartments?: boolean }'];
}

function attributeProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return ['condition.attributes must be an array'];
  return value.flatMap((item, index) => {
    const valid =
      isObject(item) &&
      isText(item.name) &&
      (typeof item.equals === 'string' || isTextList(item.in)) &&
      (item.in === undefined || isTextList(item.in));
    return valid
      ? []
      : [`condition.attributes[${index}] must be { name, equals?: string, in?: string[] } with equals or in`];
  });
}

/** Validates a check request body (the condition of `@app/directory-domain`'s checkPolicy); lists every problem. */
export function parseCheckRequest(body: unknown): { request: CheckRequest } | { problems: string[] } {
  if (!isObject(body)) return { problems: ['body must be a JSON object { openId, condition }'] };
  const condition = body.condition;
  const problems = [
    ...(isText(body.openId) ? [] : ['openId must be a non-empty string']),
    ...(isObject(condition) ? [] : ['condition must be an object']),
  ];
  if (isObject(condition)) {
    problems.push(...departmentProblems(condition.departments), ...attributeProblems(condition.attributes));
    if (condition.activeOnly !== undefined && typeof condition.activeOnly !== 'boolean')
      problems.push('condition.activeOnly must be a boolean');
  }
  if (problems.length > 0) return { problems };
  const c = condition as {
    departments?: { ids: string[]; includeSubDepartments?: boolean };
    attributes?: PolicyCondition['attributes'];
    activeOnly?: boolean;
  };
  const departments = c.departments
    ? { ids: c.departments.ids, includeSubDepartments: c.departments.includeSubDepartments ?? false }
    : undefined;
  return {
    request: {
      openId: body.openId as string,
      condition: { departments, attributes: c.attributes, activeOnly: c.activeOnly },
    },
  };
}
