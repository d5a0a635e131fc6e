import type { ClientLanguage, Localized } from '../client-language/client-language';

const TRY_AGAIN: Localized = {
  'en-US': 'The sign-in could not be completed. Start it again from the SASE client.',
  'zh-CN': '登录未能完成，请在 SASE 客户端中重新发起登录。',
};
const LARK_BUSY: Localized = {
  'en-US': 'Lark could not be reached or is busy. Wait a minute, then sign in again.',
  'zh-CN': '暂时无法连接飞书或飞书繁忙，请稍等一分钟后重新登录。',
};
const SERVICE_BUSY: Localized = {
  'en-US': 'The sign-in service is briefly unavailable. Wait a minute, then sign in again.',
  'zh-CN': '登录服务暂时不可用，请稍等一分钟后重新登录。',
};
const MISCONFIGURED: Localized = {
  'en-US':
    "This identity source is not set up correctly in SASE or in Lark. Ask your IT administrator to check the IdP's App ID, App Secret and redirect URL.",
  'zh-CN':
    '此身份源在 SASE 或飞书中的配置有误。请联系 IT 管理员检查该身份源的 App ID、App Secret 和重定向 URL。',
};

/**
 * What the SASE client shows for each refusal code, in each language: what happened and what the user, or their
 * administrator, can do about it. Codes absent here fall back to the generic retry message.
 */
export const REFUSAL_MESSAGES: Record<string, Localized> = {
  user_resigned: {
    'en-US':
      'Your account has been marked as resigned in your organisation, so you can no longer sign in. If this is a mistake, contact your IT administrator.',
    'zh-CN': '您的账号在组织中已被标记为离职，无法再登录。如有误，请联系 IT 管理员。',
  },
  out_of_scope: {
    'en-US':
      "You are outside this app's availability scope in Lark. Ask your Lark administrator to add you (or your department) to the app's availability, then sign in again.",
    'zh-CN': '您不在该应用的飞书可用范围内。请联系飞书管理员将您（或您的部门）加入应用的可用范围后重新登录。',
  },
  app_not_allowed: {
    'en-US':
      "You do not have application permissions: a Lark super administrator must add you to the app's availability. Then sign in again.",
    'zh-CN': '您没有该应用的使用权限：需要飞书超级管理员将您加入应用的可用范围，之后重新登录。',
  },
  idp_closed: {
    'en-US':
      'Sign-in with this identity source is switched off. Ask your IT administrator to enable the IdP in the SASE console, or choose another identity source.',
    'zh-CN': '此身份源的登录已关闭。请联系 IT 管理员在 SASE 控制台中启用该身份源，或选择其他身份源。',
  },
  not_in_directory: {
    'en-US':
      'Your account is not in the SASE directory yet: it may not have been synchronised since you joined. Try again later, or ask your IT administrator to run a synchronisation.',
    'zh-CN':
      '您的账号尚未同步到 SASE 目录（可能是入职后还未同步）。请稍后再试，或联系 IT 管理员执行一次同步。',
  },
  user_frozen: {
    'en-US': 'Your Lark account is frozen. Ask your Lark administrator to unfreeze it, then sign in again.',
    'zh-CN': '您的飞书账号已被冻结。请联系飞书管理员解冻后重新登录。',
  },
  user_inactive: {
    'en-US':
      'Your Lark account is not activated yet. Accept the invitation to your Lark organisation, then sign in again.',
    'zh-CN': '您的飞书账号尚未激活。请先接受飞书组织的邀请，然后重新登录。',
  },
  user_status_invalid: {
    'en-US': 'Your Lark account cannot sign in right now. Ask your Lark administrator to check its status.',
    'zh-CN': '您的飞书账号当前无法登录。请联系飞书管理员检查账号状态。',
  },
  user_not_found: {
    'en-US': 'Lark does not know this account. Sign in with the account of your organisation.',
    'zh-CN': '飞书中不存在此账号。请使用您所在组织的账号登录。',
  },
  tenant_mismatch: {
    'en-US':
      "This Lark account belongs to another organisation than this identity source's. Sign in with your organisation's Lark account.",
    'zh-CN': '此飞书账号属于其他组织，与该身份源不符。请使用您所在组织的飞书账号登录。',
  },
  access_denied: {
    'en-US': 'You declined the authorisation in Lark. To sign in, start again and allow access.',
    'zh-CN': '您在飞书中拒绝了授权。如需登录，请重新发起并允许授权。',
  },
  unknown_idp: {
    'en-US':
      'This identity source does not exist (any more) for your enterprise. Enter the enterprise authentication identifier again to see the current ones.',
    'zh-CN': '您的企业中不存在此身份源（可能已被删除）。请重新输入企业认证标识以查看当前可用的身份源。',
  },
  redirect_not_allowed: {
    'en-US':
      "The SASE client asked to return to an address this enterprise does not allow. Ask your IT administrator to add the client's URI scheme to the enterprise's settings.",
    'zh-CN':
      'SASE 客户端请求返回的地址不在本企业允许的范围内。请联系 IT 管理员在企业设置中添加该客户端的 URI scheme。',
  },
  invalid_request: {
    'en-US':
      'The SASE client sent an incomplete sign-in request. Update the SASE client, then sign in again.',
    'zh-CN': 'SASE 客户端发送的登录请求不完整。请更新 SASE 客户端后重新登录。',
  },
  invalid_grant: {
    'en-US': 'This sign-in has expired or was already used. Sign in again from the SASE client.',
    'zh-CN': '此次登录已过期或已被使用，请在 SASE 客户端中重新登录。',
  },
  state_expired: {
    'en-US': 'The sign-in took more than 10 minutes. Start it again from the SASE client.',
    'zh-CN': '登录耗时超过 10 分钟，请在 SASE 客户端中重新发起。',
  },
  state_not_bound: {
    'en-US':
      'This sign-in was started in another browser, or the browser lost its cookie. Start it again from the SASE client in this browser.',
    'zh-CN':
      '此次登录是在其他浏览器中发起的，或浏览器丢失了 Cookie。请在当前浏览器中从 SASE 客户端重新发起。',
  },
  app_not_installed: {
    'en-US':
      'The SASE app is not installed in your Lark organisation. Ask your Lark administrator to install and approve it.',
    'zh-CN': 'SASE 应用未安装在您的飞书组织中。请联系飞书管理员安装并审批该应用。',
  },
  app_disabled: {
    'en-US': 'The SASE app is disabled in your Lark organisation. Ask your Lark administrator to enable it.',
    'zh-CN': 'SASE 应用在您的飞书组织中已停用。请联系飞书管理员启用该应用。',
  },
  idp_misconfigured: MISCONFIGURED,
  lark_unreachable: LARK_BUSY,
  lark_unavailable: LARK_BUSY,
  lark_bad_response: LARK_BUSY,
  lark_rate_limited: LARK_BUSY,
  idp_lookup_failed: SERVICE_BUSY,
  directory_unavailable: SERVICE_BUSY,
  sessions_unavailable: SERVICE_BUSY,
};

/** The message the client shows for a refusal code. */
export function refusalMessage(code: string, language: ClientLanguage): string {
  return (REFUSAL_MESSAGES[code] ?? TRY_AGAIN)[language];
}
