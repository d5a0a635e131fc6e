import { Route, SimRequest, SimResponse, larkError, larkOk } from '../http-kit';
import { SimGroup } from '../org-model';
import { PERMISSION } from '../sim-apps';
import { SimCore } from '../sim-core';
import { ApiContext, authorizeTenantCall, isResponse } from './api-guard';
import { isPageRequest, paginate, readPageRequest } from './paging';

const CONTACT = '/open-apis/contact/v3';

export function scopeAndGroupRoutes(core: SimCore): Route[] {
  const guarded =
    (permission: string, handler: (ctx: ApiContext, request: SimRequest) => SimResponse) =>
    (request: SimRequest) => {
      const ctx = authorizeTenantCall(core, request, permission);
      return isResponse(ctx) ? ctx : handler(ctx, request);
    };
  return [
    {
      method: 'GET',
      pattern: `${CONTACT}/scopes`,
      endpoint: 'contact.scope.list',
      handler: guarded(PERMISSION.contactRead, listScopes),
    },
    {
      method: 'GET',
      pattern: `${CONTACT}/group/simplelist`,
      endpoint: 'contact.group.simplelist',
      handler: guarded(PERMISSION.groupRead, listGroups),
    },
    {
      method: 'GET',
      pattern: `${CONTACT}/group/:group_id/member/simplelist`,
      endpoint: 'contact.group_member.simplelist',
      handler: guarded(PERMISSION.groupRead, listGroupMembers),
    },
  ];
}

type ScopeEntry = { kind: 'department' | 'user' | 'group'; id: string };

function listScopes(ctx: ApiContext, request: SimRequest): SimResponse {
  const listing = `scopes:${ctx.userIdType}:${ctx.departmentIdType}`;
  const page = readPageRequest(request.query, listing, 50, 100);
  if (!isPageRequest(page)) return page;
  const declared = ctx.scope.declaredEntries();
  const entries: ScopeEntry[] = [
    ...declared.departmentOpenIds.map((id) => ({
      kind: 'department' as const,
      id: ctx.store.departmentIdAs(id, ctx.departmentIdType),
    })),
    ...declared.userOpenIds.map((id) => ({
      kind: 'user' as const,
      id: ctx.store.userIdAs(id, ctx.userIdType),
    })),
    ...declared.groupIds.map((id) => ({ kind: 'group' as const, id })),
  ];
  const result = paginate(entries, page, listing);
  const idsOf = (kind: ScopeEntry['kind']) =>
    result.items.filter((entry) => entry.kind === kind).map((entry) => entry.id);
  return larkOk({
    department_ids: idsOf('department'),
    user_ids: idsOf('user'),
    group_ids: idsOf('group'),
    has_more: result.has_more,
    ...(result.page_token ? { page_token: result.page_token } : {}),
  });
}

function visibleGroups(ctx: ApiContext): SimGroup[] {
  if (ctx.scope.scope.kind === 'all') return ctx.store.groups;
  const allowed = new Set(ctx.scope.scope.groupIds ?? []);
  return ctx.store.groups.filter((group) => allowed.has(group.id));
}

function listGroups(ctx: ApiContext, request: SimRequest): SimResponse {
  const page = readPageRequest(request.query, 'groups', 50, 100);
  if (!isPageRequest(page)) return page;
  const result = paginate(visibleGroups(ctx), page, 'groups');
  const grouplist = result.items.map((group) => ({
    id: group.id,
    name: group.name,
    description: group.description,
    member_user_count: group.memberOpenIds.length,
    member_department_count: 0,
    type: 1,
  }));
  return larkOk({ grouplist, has_more: result.has_more, page_token: result.page_token ?? '' });
}

function listGroupMembers(ctx: ApiContext, request: SimRequest): SimResponse {
  const group = visibleGroups(ctx).find((candidate) => candidate.id === request.params.group_id);
  if (!group) return larkError(400, 42001, 'group not found or not in contact scope');
  const memberIdType = request.query.get('member_id_type') ?? 'open_id';
  if (!['open_id', 'union_id', 'user_id'].includes(memberIdType))
    return larkError(400, 99992402, 'field validation failed: member_id_type');
  const listing = `group-members:${group.id}:${memberIdType}`;
  const page = readPageRequest(request.query, listing, 50, 100);
  if (!isPageRequest(page)) return page;
  const memberType = request.query.get('member_type') ?? 'user';
  const members = memberType === 'user' ? group.memberOpenIds : [];
  const result = paginate(members, page, listing);
  const memberlist = result.items.map((openId) => ({
    member_id: ctx.store.userIdAs(openId, memberIdType as 'open_id' | 'union_id' | 'user_id'),
    member_type: 'user',
    member_id_type: memberIdType,
  }));
  return larkOk({ memberlist, has_more: result.has_more, page_token: result.page_token ?? '' });
}
