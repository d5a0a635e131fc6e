import { Route, SimRequest, SimResponse, jsonResponse, larkError, parseJsonBody } from '../http-kit';
import { SimAppConfig } from '../sim-apps';
import { SimCore } from '../sim-core';

const AUTH = '/open-apis/auth/v3';

/** Token endpoints answer at top level, without a `data` wrapper. */
export function authRoutes(core: SimCore): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${AUTH}/tenant_access_token/internal`,
      endpoint: 'auth.tenant_access_token',
      handler: (r) => issueToken(core, r, false),
    },
    {
      method: 'POST',
      pattern: `${AUTH}/app_access_token/internal`,
      endpoint: 'auth.app_access_token',
      handler: (r) => issueToken(core, r, true),
    },
  ];
}

function authenticateApp(core: SimCore, request: SimRequest): SimAppConfig | SimResponse {
  const body = parseJsonBody(request);
  if (!body) return larkError(400, 9499, 'Bad Request: body is not a JSON object');
  const { app_id: appId, app_secret: appSecret } = body;
  if (typeof appId !== 'string' || typeof appSecret !== 'string')
    return larkError(400, 9499, 'app_id and app_secret are required');
  const app = core.apps.get(appId);
  if (!app) return larkError(400, 10003, 'invalid param: app_id');
  if (app.appSecret !== appSecret) return larkError(400, 10014, 'app secret invalid');
  return app;
}

function issueToken(core: SimCore, request: SimRequest, withAppToken: boolean): SimResponse {
  const app = authenticateApp(core, request);
  if ('status' in app) return app;
  const { token, expireSeconds } = core.tokens.issue(app.appId);
  const appToken = withAppToken ? { app_access_token: token.replace(/^t-/, 'a-') } : {};
  return jsonResponse(200, {
    code: 0,
    msg: 'ok',
    ...appToken,
    tenant_access_token: token,
    expire: expireSeconds,
  });
}
