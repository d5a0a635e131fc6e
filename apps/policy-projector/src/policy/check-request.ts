import { AttributeCondition, PolicyCondition } from './policy-check';

export interface CheckRequest {
  openId: string;
  condition: PolicyCondition;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function departmentProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return ['condition.departments must be an array'];
  return value.flatMap((item, index) =>
    isObject(item) && isText(item.id) && (item.includeSubDepartments === undefined || typeof item.includeSubDepartments === 'boolean')
      ? []
      : [`condition.departments[${index}] must be { id: string, includeSubDepartments?: boolean }`],
  );
}

function attributeProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return ['condition.attributes must be an array'];
  return value.flatMap((item, index) => {
    const valid = isObject(item) && isText(item.name) && (typeof item.equals === 'string' || (Array.isArray(item.in) && item.in.every((v) => typeof v === 'string')));
    return valid ? [] : [`condition.attributes[${index}] must be { name, equals: string } or { name, in: string[] }`];
  });
}

/** Validates a check request body; returns every problem, or the request. */
export function parseCheckRequest(body: unknown): { request: CheckRequest } | { problems: string[] } {
  if (!isObject(body)) return { problems: ['body must be a JSON object { openId, condition }'] };
  const condition = body.condition;
  const problems = [
    ...(isText(body.openId) ? [] : ['openId must be a non-empty string']),
    ...(isObject(condition) ? [] : ['condition must be an object']),
  ];
  if (isObject(condition)) {
    problems.push(...departmentProblems(condition.departments), ...attributeProblems(condition.attributes));
    if (condition.activeOnly !== undefined && typeof condition.activeOnly !== 'boolean') problems.push('condition.activeOnly must be a boolean');
  }
  if (problems.length > 0) return { problems };
  const c = condition as Record<string, unknown>;
  const departments = (c.departments as { id: string; includeSubDepartments?: boolean }[] | undefined)?.map((d) => ({
    id: d.id,
    includeSubDepartments: d.includeSubDepartments ?? false,
  }));
  return {
    request: {
      openId: body.openId as string,
      condition: { departments, attributes: c.attributes as AttributeCondition[] | undefined, activeOnly: c.activeOnly as boolean | undefined },
    },
  };
}
