import { Route, SimRequest, SimResponse, larkError, larkOk } from '../http-kit';
import { ROOT_DEPARTMENT_ID } from '../org-model';
import { SimCore } from '../sim-core';
import { ApiContext, authorizeTenantCall, departmentNotInScope, isResponse } from './api-guard';
import { departmentApiObject, rootDepartmentApiObject } from './contact-serializers';
import { isPageRequest, paginate, readPageRequest } from './paging';

const BASE = '/open-apis/contact/v3/departments';
/** Lark refuses fetch_child on departments with more sub-departments than this (40162). */
export const MAX_RECURSIVE_CHILDREN = 500;

export function departmentRoutes(core: SimCore): Route[] {
  return [
    {
      method: 'GET',
      pattern: `${BASE}/batch`,
      endpoint: 'contact.department.batch',
      handler: (r) => withContext(core, r, batchDepartments),
    },
    {
      method: 'GET',
      pattern: `${BASE}/:department_id/children`,
      endpoint: 'contact.department.children',
      handler: (r) => withContext(core, r, listChildren),
    },
    {
      method: 'GET',
      pattern: `${BASE}/:department_id`,
      endpoint: 'contact.department.get',
      handler: (r) => withContext(core, r, getDepartment),
    },
  ];
}

export function withContext(
  core: SimCore,
  request: SimRequest,
  handler: (ctx: ApiContext, request: SimRequest) => SimResponse,
): SimResponse {
  const ctx = authorizeTenantCall(core, request);
  return isResponse(ctx) ? ctx : handler(ctx, request);
}

/** The open id of a readable department, or the error Lark gives for it. */
export function resolveScopedDepartment(ctx: ApiContext, id: string | null): string | SimResponse {
  if (id === null || id === '')
    return larkError(400, 99992402, 'field validation failed: department_id is required');
  const openId = ctx.store.resolveDepartmentId(id, ctx.departmentIdType);
  if (openId === undefined || !ctx.scope.includesDepartment(openId)) return departmentNotInScope();
  return openId;
}

function listChildren(ctx: ApiContext, request: SimRequest): SimResponse {
  const parent = resolveScopedDepartment(ctx, request.params.department_id);
  if (isResponse(parent)) return parent;
  const isRecursive = request.query.get('fetch_child') === 'true';
  const listing = `children:${parent}:${isRecursive}:${ctx.departmentIdType}`;
  const page = readPageRequest(request.query, listing, 10, 50);
  if (!isPageRequest(page)) return page;
  const childIds = isRecursive ? ctx.store.descendantIds(parent) : ctx.store.childIds(parent);
  if (isRecursive && childIds.length > MAX_RECURSIVE_CHILDREN)
    return larkError(400, 40162, 'big dept forbid recursion');
  const result = paginate(childIds, page, listing);
  const items = result.items.map((id) => departmentApiObject(ctx.store.getDepartment(id)!, ctx));
  return larkOk({ ...result, items });
}

function getDepartment(ctx: ApiContext, request: SimRequest): SimResponse {
  const openId = resolveScopedDepartment(ctx, request.params.department_id);
  if (isResponse(openId)) return openId;
  const department =
    openId === ROOT_DEPARTMENT_ID
      ? rootDepartmentApiObject(ctx)
      : departmentApiObject(ctx.store.getDepartment(openId)!, ctx);
  return larkOk({ department });
}

/** Unknown ids are silently left out; a known department outside the scope is refused. */
function batchDepartments(ctx: ApiContext, request: SimRequest): SimResponse {
  const ids = request.query.getAll('department_ids');
  if (ids.length < 1 || ids.length > 50)
    return larkError(400, 99992402, 'field validation failed: department_ids must hold 1 to 50 ids');
  const items: Record<string, unknown>[] = [];
  for (const id of ids) {
    const openId = ctx.store.resolveDepartmentId(id, ctx.departmentIdType);
    if (openId === undefined) continue;
    if (!ctx.scope.includesDepartment(openId)) return departmentNotInScope();
    items.push(
      openId === ROOT_DEPARTMENT_ID
        ? rootDepartmentApiObject(ctx)
        : departmentApiObject(ctx.store.getDepartment(openId)!, ctx),
    );
  }
  return larkOk({ items });
}
