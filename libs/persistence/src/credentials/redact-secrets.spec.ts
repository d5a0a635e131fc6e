import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('should replace every secret-named field, however deep, and keep the rest', () => {
    expect(
      redactSecrets({
        name: 'hq',
        tenantKey: 't-1',
        appSecret: 's',
        nested: [{ encryptKey: 'k', verificationToken: 'v', password: 'p', accessToken: 'a' }],
        credentialFieldsChanged: ['appSecret'],
      }),
    ).toEqual({
      name: 'hq',
      tenantKey: 't-1',
      appSecret: '[redacted]',
      nested: [
        {
          encryptKey: '[redacted]',
          verificationToken: '[redacted]',
          password: '[redacted]',
          accessToken: '[redacted]',
        },
      ],
      credentialFieldsChanged: ['appSecret'],
    });
  });

  it.each([null, 3, 'text', true])('should leave %p as it is', (value) => {
    expect(redactSecrets(value)).toBe(value);
  });
});
