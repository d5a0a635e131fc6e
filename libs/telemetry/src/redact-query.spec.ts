import { redactQuery } from './redact-query';

describe('redactQuery', () => {
  it.each([
    ['/open-dev/feishu?code=abc123&state=s.t.u', '/open-dev/feishu?code=[redacted]&state=[redacted]'],
    ['http://h:8080/api/idps/1/users?q=li.lei%40example.com', 'http://h:8080/api/idps/1/users?q=[redacted]'],
    ['/sso/1/login?redirect', '/sso/1/login?redirect=[redacted]'],
    ['/health/live', '/health/live'],
    ['/x?', '/x?'],
  ])('turns %s into %s', (target, expected) => expect(redactQuery(target)).toBe(expected));
});
