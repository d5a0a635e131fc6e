import { isDepartmentInScope, isUserInScope, type OrgScope } from './scope';

const partial: OrgScope = { mode: 'partial', departmentIds: ['sel'], groupIds: ['g1'] };

describe('isDepartmentInScope', () => {
  it.each([
    ['everything with mode all', { mode: 'all' } as OrgScope, 'x', [], true],
    ['a selected department', partial, 'sel', ['top'], true],
    ['a sub-department of a selected one', partial, 'child', ['top', 'sel'], true],
    ['an unrelated department', partial, 'other', ['top'], false],
    ['the parent of a selected department', partial, 'top', [], false],
  ])('should decide %s', (_label, scope, id, path, expected) => {
    expect(isDepartmentInScope({ openDepartmentId: id, path }, scope)).toBe(expected);
  });
});

describe('isUserInScope', () => {
  const paths = new Map([
    ['child', ['top', 'sel']],
    ['other', ['top']],
  ]);
  it.each([
    ['anyone with mode all', { mode: 'all' } as OrgScope, ['other'], 'ou_x', true],
    ['a member of a sub-department', partial, ['other', 'child'], 'ou_x', true],
    ['a member of an unselected department', partial, ['other'], 'ou_x', false],
    ['a member of a selected group', partial, ['other'], 'ou_g', true],
    ['a member of an unknown but selected department', partial, ['sel'], 'ou_x', true],
    ['a member of an unknown department', partial, ['unknown'], 'ou_x', false],
    ['a user without departments', partial, [], 'ou_x', false],
  ])('should decide %s', (_label, scope, departmentIds, openId, expected) => {
    expect(isUserInScope({ openId, departmentIds }, paths, new Set(['ou_g']), scope)).toBe(expected);
  });
});
