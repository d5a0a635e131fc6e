import type { DirectoryUser, SubjectDocument } from '@app/contracts';
import {
  buildDepartment,
  buildSubject,
  IdpSnapshot,
  isCountedMember,
  isMembershipChange,
  subjectUserName,
  unknownIdp,
} from './subject-projection';
import { DepartmentTree, TreeDepartment } from './subject-projection-tree';
import { stampVersion } from './subject-projection-version';
import { aUser } from './testing/factories';

const dept = (id: string, parentId: string | null, extra: Partial<TreeDepartment> = {}): TreeDepartment => ({
  id,
  name: id.toUpperCase(),
  parentId,
  leaderOpenId: null,
  present: true,
  sourceAt: 1000,
  sourceVersion: 1,
  memberChangedAt: 0,
  memberChanges: 0,
  ...extra,
});
const idp = (
  status: 'enabled' | 'closed' = 'enabled',
  fieldMapping: Record<string, string> = {},
): IdpSnapshot => ({
  state: { idpId: 'i', status, fieldMapping },
  sourceAt: 500,
  sourceVersion: 1,
});
const tree = new DepartmentTree([
  dept('a', null),
  dept('b', 'a'),
  dept('c', 'b', { sourceAt: 3000 }),
  dept('d', 'a'),
  dept('gone', 'a', { present: false }),
]);
const subjectOf = (user: DirectoryUser, snapshot: IdpSnapshot = idp()) =>
  buildSubject({ idpId: 'i', user, userSourceAt: 1, userSourceVersion: 1, idp: snapshot, tree });

describe('subject projection', () => {
  it.each([
    ['active', 'enabled', 'active', null],
    ['resigned', 'enabled', 'disabled', 'resigned'],
    ['frozen', 'enabled', 'disabled', 'frozen'],
    ['inactive', 'enabled', 'disabled', 'inactive'],
    ['out_of_scope', 'enabled', 'disabled', 'out_of_scope'],
    ['active', 'closed', 'disabled', 'idp_closed'],
    ['resigned', 'closed', 'disabled', 'idp_closed'],
  ] as const)('should publish a %s user of an %s IdP as %s (%p)', (status, idpStatus, expected, reason) => {
    const built = subjectOf(aUser({ openId: 'u', status }), idp(idpStatus));
    expect(built.content).toMatchObject({ status: expected, disabledReason: reason });
  });

  it('should build full paths, leave out departments not in the tree and take the newest input as watermark', () => {
    const built = buildSubject({
      idpId: 'i',
      user: aUser({ openId: 'u', departmentIds: ['c', 'gone'] }),
      userSourceAt: 2000,
      userSourceVersion: 4,
      idp: idp(),
      tree,
    });
    expect(built.content.departments).toEqual([
      {
        id: 'c',
        path: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
          { id: 'c', name: 'C' },
        ],
      },
    ]);
    expect(built.ancestorIds).toEqual(['a', 'b', 'c']);
    expect(built.watermark).toBe(3000);
  });

  it('should map attributes through the field mapping, custom attributes included', () => {
    const user = aUser({ openId: 'u', jobTitle: 'CISO', customAttrs: { c1: 'x' } });
    expect(
      subjectOf(user, idp('enabled', { title: 'jobTitle', c: 'custom:c1', none: 'mobile' })).content
        .attributes,
    ).toEqual({ c: 'x', title: 'CISO' });
  });

  it('should treat an IdP it has not heard of as enabled with no mapping', () => {
    expect(subjectOf(aUser({ openId: 'u' }), unknownIdp('i')).content).toMatchObject({
      status: 'active',
      attributes: {},
    });
  });

  it('should build a department node with its path, itself last, and tombstone one that left the tree', () => {
    expect(
      buildDepartment({ ...idp(), idpId: 'i' }, 'c', tree, { direct: 2, total: 5 })!.content,
    ).toMatchObject({
      parentId: 'b',
      path: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      directMemberCount: 2,
      memberCount: 5,
    });
    expect(buildDepartment({ ...idp(), idpId: 'i' }, 'gone', tree, { direct: 0, total: 0 })).toBeNull();
  });

  it('should survive a parent cycle', () => {
    const cyclic = new DepartmentTree([dept('x', 'y'), dept('y', 'x')]);
    expect(cyclic.pathOf('x')!.map((d) => d.id)).toEqual(['y', 'x']);
  });

  it.each([
    ['email', { email: 'a@x', userId: 'u1', openId: 'ou' }, 'a@x'],
    ['user_id', { email: null, userId: 'u1', openId: 'ou' }, 'u1'],
    ['open_id', { email: null, userId: null, openId: 'ou' }, 'ou'],
  ])('should take the SCIM userName from the %s', (_, subject, expected) => {
    expect(subjectUserName(subject)).toBe(expected);
  });
});

describe('member rule', () => {
  it.each([
    ['active', 'enabled', true],
    ['resigned', 'enabled', false],
    ['frozen', 'enabled', false],
    ['inactive', 'enabled', false],
    ['out_of_scope', 'enabled', false],
    ['active', 'closed', false],
  ] as const)('should count a %s user of an %s IdP: %p', (status, idpStatus, counted) => {
    const user = aUser({ status });
    expect(isCountedMember(user, { status: idpStatus })).toBe(counted);
    const built = subjectOf(user, idp(idpStatus));
    expect(built.counted).toBe(counted);
    expect(built.content.status === 'active').toBe(counted);
  });

  it.each([
    ['one department', ['c'], ['c'], ['a', 'b', 'c']],
    [
      'two departments sharing ancestors, each ancestor once',
      ['c', 'd', 'c'],
      ['c', 'd'],
      ['a', 'b', 'c', 'd'],
    ],
    ['a department not in the tree yet: direct only', ['c', 'gone'], ['c', 'gone'], ['a', 'b', 'c']],
  ])('should count a member of %s', (_, departmentIds, direct, total) => {
    const built = subjectOf(aUser({ departmentIds }));
    expect([...built.departmentIds].sort()).toEqual(direct);
    expect(built.ancestorIds).toEqual(total);
  });

  const member = (status: DirectoryUser['status'], departmentIds: string[]) =>
    aUser({ openId: 'u', status, departmentIds });
  it.each([
    ['a new counted user', null, member('active', ['c']), true],
    ['a new resigned user', null, member('resigned', ['c']), true],
    ['a resignation', member('active', ['c']), member('resigned', ['c']), true],
    ['a frozen user thawing', member('frozen', ['c']), member('active', ['c']), true],
    ['a move', member('active', ['c']), member('active', ['d']), true],
    ['a rename', member('active', ['c']), { ...member('active', ['c']), name: 'New' }, false],
    [
      'the same departments reordered',
      member('active', ['c', 'd']),
      member('active', ['d', 'c', 'd']),
      false,
    ],
    ['a resigned user leaving', member('resigned', []), null, false],
  ])('should tell whether %s can move member counts', (_, before, after, expected) => {
    expect(isMembershipChange(before, after)).toBe(expected);
  });
});

describe('stampVersion', () => {
  const content = { openId: 'u', name: 'A' } as unknown as SubjectDocument;

  it('should stamp the same version for the same inputs and keep an unchanged document', () => {
    const first = stampVersion(content, 5000, 3, { document: null, version: 0 });
    expect(first).toMatchObject({
      changed: true,
      document: { version: 5000003, updatedAt: new Date(5000).toISOString() },
    });
    expect(
      stampVersion({ ...content }, 5000, 3, { document: first.document, version: first.document.version })
        .changed,
    ).toBe(false);
  });

  it.each([
    ['a newer input', 6000, 3, 6000003],
    ['an older input arriving late', 5000, 4, 5000004],
    ['inputs that went back, with new content', 4000, 1, 5000004],
  ])('should grow the version for %s', (_, watermark, inputs, expected) => {
    const previous = { document: { ...content, version: 5000003, updatedAt: '' }, version: 5000003 };
    expect(stampVersion({ ...content, name: 'B' }, watermark, inputs, previous).document.version).toBe(
      expected,
    );
  });
});
