import { ScopeView } from '../contact-scope';
import { SimRequest, SimResponse, bearerToken, larkError } from '../http-kit';
import { DepartmentIdType, UserIdType } from '../org-store';
import { PERMISSION, SimAppConfig } from '../sim-apps';
import { SimCore } from '../sim-core';
import { SerializeContext } from './contact-serializers';

export interface ApiContext extends SerializeContext {
  app: SimAppConfig;
  scope: ScopeView;
}

const USER_ID_TYPES: UserIdType[] = ['open_id', 'union_id', 'user_id'];
const DEPARTMENT_ID_TYPES: DepartmentIdType[] = ['open_department_id', 'department_id'];

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

export function permissionDenied(permission: string): SimResponse {
  return larkError(
    400,
    99991672,
    `Access denied. One of the following scopes is required: [${permission}].`,
    {
      error: {
        permission_violations: [
          { type: 'action_scope_required', subject: permission, description: permission },
        ],
      },
    },
  );
}

/** Token, rate limit, permission and id-type checks, in the order Lark's gateway applies them. */
export function authorizeTenantCall(
  core: SimCore,
  request: SimRequest,
  permission: string = PERMISSION.contactRead,
): ApiContext | SimResponse {
  const token = bearerToken(request);
  if (!token)
    return larkError(
      400,
      99991661,
      'Missing access token for authorization. Please make a request with token attached.',
    );
  if (!token.startsWith('t-'))
    return larkError(400, 99991671, 'Invalid access token: tenant token must start with "t-".');
  const appId = core.tokens.resolve(token);
  const app = appId === undefined ? undefined : core.apps.get(appId);
  if (!app)
    return larkError(
      400,
      99991663,
      'Invalid access token for authorization. Please make a request with token attached.',
    );
  const decision = core.rateLimiter.check(app.appId, request.endpoint);
  if (!decision.isAllowed) {
    const headers = {
      'x-ogw-ratelimit-limit': String(decision.limit),
      'x-ogw-ratelimit-reset': String(decision.resetSeconds),
    };
    return { ...larkError(429, 99991400, 'request trigger frequency limit'), headers };
  }
  const hasPermission = (required: string) => core.apps.hasPermission(app, required);
  if (!hasPermission(permission)) return permissionDenied(permission);
  const userIdType = (request.query.get('user_id_type') ?? 'open_id') as UserIdType;
  const departmentIdType = (request.query.get('department_id_type') ??
    'open_department_id') as DepartmentIdType;
  if (!USER_ID_TYPES.includes(userIdType) || !DEPARTMENT_ID_TYPES.includes(departmentIdType)) {
    return larkError(400, 99992402, 'field validation failed: user_id_type or department_id_type');
  }
  if (userIdType === 'user_id' && !hasPermission(PERMISSION.userEmployeeId))
    return permissionDenied(PERMISSION.userEmployeeId);
  const scope = new ScopeView(core.store, app.scope ?? { kind: 'all' });
  return { app, scope, store: core.store, userIdType, departmentIdType, hasPermission };
}

export function departmentNotInScope(): SimResponse {
  return larkError(403, 40004, 'no dept authority error');
}
