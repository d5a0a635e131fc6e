import { aUser, ChangeStream } from '../testing/directory-change.factory';
import { parseDirectoryChange } from './directory-change.parser';

const valid = new ChangeStream('idp-1').user(aUser({ openId: 'u' }));

describe('parseDirectoryChange', () => {
  it('should accept a change', () => {
    expect(parseDirectoryChange(Buffer.from(JSON.stringify(valid)))).toEqual({ change: valid });
  });

  it.each([
    [null, /empty/],
    ['{', /not JSON/],
    ['[]', /object/],
    [JSON.stringify({ ...valid, entity: 'group' }), /entity/],
    [JSON.stringify({ ...valid, version: -1 }), /version/],
    [JSON.stringify({ ...valid, occurredAt: 'yesterday' }), /occurredAt/],
    [JSON.stringify({ ...valid, after: null }), /after is required/],
    [JSON.stringify({ ...valid, after: { name: 'x' } }), /DirectoryUser/],
  ])('should give the reason for %p', (raw, reason) => {
    const parsed = parseDirectoryChange(raw);
    expect('problem' in parsed && parsed.problem).toMatch(reason);
  });
});
