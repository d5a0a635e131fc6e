import { refusals } from './sso-refusal';
import { REFUSAL_MESSAGES, refusalMessage } from './refusal-messages';

describe('refusal messages for the SASE client', () => {
  it.each(Object.entries(REFUSAL_MESSAGES))('should say %s in Chinese and in English', (_code, messages) => {
    expect(messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(messages['en-US']).toMatch(/^[\x20-\x7e]+$/);
  });

  it.each(['resigned', 'outOfScope', 'idpClosed', 'notInDirectory', 'frozen', 'tenantMismatch'] as const)(
    'should have its own message for the %s refusal',
    (name) => {
      expect(REFUSAL_MESSAGES).toHaveProperty(refusals[name]().code);
    },
  );

  it('should fall back to a message that says to start again', () => {
    expect(refusalMessage('something_new', 'en-US')).toMatch(/Start it again/);
    expect(refusalMessage('something_new', 'zh-CN')).toMatch(/重新发起/);
  });
});
