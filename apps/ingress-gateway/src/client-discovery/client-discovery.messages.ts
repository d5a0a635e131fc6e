import type { Localized } from '../client-language/client-language';

/** What the SASE client shows when a lookup of identity sources fails. */
export const discoveryMessages = {
  unknownEnterprise: {
    'en-US':
      'No enterprise uses this identifier. Check it with your IT administrator: it is 10 letters and digits, such as K3M9Q-7TZ2C, and changes when they regenerate it.',
    'zh-CN':
      '没有企业使用这个企业认证标识。请向您的 IT 管理员核对：它由 10 位字母和数字组成（例如 K3M9Q-7TZ2C），管理员重新生成后旧标识即失效。',
  },
  tooManyRequests: (seconds: number): Localized => ({
    'en-US': `Too many identifiers were tried from this network. Wait ${seconds} seconds, then try again.`,
    'zh-CN': `此网络尝试的企业认证标识过多，请等待 ${seconds} 秒后重试。`,
  }),
} satisfies Record<string, Localized | ((seconds: number) => Localized)>;
