import { Route, SimRequest, SimResponse, larkError, larkOk } from '../http-kit';
import { isListedUser } from '../org-model';
import { SimCore } from '../sim-core';
import { ApiContext, isResponse } from './api-guard';
import { userApiObject } from './contact-serializers';
import { resolveScopedDepartment, withContext } from './department-routes';
import { isPageRequest, paginate, readPageRequest } from './paging';

const BASE = '/open-apis/contact/v3/users';

export function userRoutes(core: SimCore): Route[] {
  return [
    {
      method: 'GET',
      pattern: `${BASE}/find_by_department`,
      endpoint: 'contact.user.find_by_department',
      handler: (r) => withContext(core, r, findByDepartment),
    },
    {
      method: 'GET',
      pattern: `${BASE}/batch`,
      endpoint: 'contact.user.batch',
      handler: (r) => withContext(core, r, batchUsers),
    },
    {
      method: 'GET',
      pattern: `${BASE}/:user_id`,
      endpoint: 'contact.user.get',
      handler: (r) => withContext(core, r, getUser),
    },
  ];
}

/** Users directly in the department; resigned users are no longer members of anything. */
function findByDepartment(ctx: ApiContext, request: SimRequest): SimResponse {
  const department = resolveScopedDepartment(ctx, request.query.get('department_id'));
  if (isResponse(department)) return department;
  const listing = `members:${department}:${ctx.userIdType}:${ctx.departmentIdType}`;
  const page = readPageRequest(request.query, listing, 10, 50);
  if (!isPageRequest(page)) return page;
  const members = ctx.store.directMembers(department).filter(isListedUser);
  const result = paginate(members, page, listing);
  return larkOk({ ...result, items: result.items.map((user) => userApiObject(user, ctx)) });
}

function batchUsers(ctx: ApiContext, request: SimRequest): SimResponse {
  const ids = request.query.getAll('user_ids');
  if (ids.length < 1 || ids.length > 50)
    return larkError(400, 99992402, 'field validation failed: user_ids must hold 1 to 50 ids');
  const items = ids
    .map((id) => ctx.store.resolveUserId(id, ctx.userIdType))
    .map((openId) => (openId === undefined ? undefined : ctx.store.getUser(openId)))
    .filter((user) => user !== undefined && ctx.scope.includesUser(user))
    .map((user) => userApiObject(user!, ctx));
  return larkOk({ items });
}

function getUser(ctx: ApiContext, request: SimRequest): SimResponse {
  const openId = ctx.store.resolveUserId(request.params.user_id, ctx.userIdType);
  const user = openId === undefined ? undefined : ctx.store.getUser(openId);
  if (!user) return larkError(400, ctx.userIdType === 'user_id' ? 40007 : 40008, 'user not found');
  if (!ctx.scope.includesUser(user)) return larkError(400, 41050, 'no user authority error');
  return larkOk({ user: userApiObject(user, ctx) });
}
