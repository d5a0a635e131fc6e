import { parsePaging, parseUserFilter } from './scim-filter';

describe('SCIM filter and paging', () => {
  it.each([
    ['userName eq "a@b.c"', { userName: 'a@b.c' }],
    ['USERNAME EQ "a@b.c"', { userName: 'a@b.c' }],
    ['externalId eq "e\\"1"', { externalId: 'e"1' }],
    ['active eq false', { active: false }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', { userName: 'x' }],
    ['', {}],
  ])('should parse %p', (filter, expected) => {
    expect(parseUserFilter(filter)).toEqual({ filter: expected });
  });

  it.each([
    'userName co "a"',
    'emails eq "a"',
    'active eq "true"',
    'userName eq a',
    'userName eq "a" and active eq true',
  ])('should refuse %p', (filter) => {
    expect(parseUserFilter(filter)).toHaveProperty('problem');
  });

  it.each([
    [undefined, undefined, { startIndex: 1, count: 100 }],
    ['0', '-5', { startIndex: 1, count: 0 }],
    ['3', '100000', { startIndex: 3, count: 500 }],
  ])('should read startIndex %p and count %p', (start, count, expected) => {
    expect(parsePaging(start, count)).toEqual(expected);
  });
});
