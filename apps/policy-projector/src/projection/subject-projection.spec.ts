import type { SubjectDocument } from '@app/contracts';
import { aUser } from '../testing/directory-change.factory';
import { stampVersion } from './document-content';
import { DepartmentTree, TreeDepartment } from './department-tree';
import { buildDepartment, buildSubject, IdpSnapshot } from './subject-projection';

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
  dept('gone', 'a', { present: false }),
]);

describe('subject projection', () => {
  it.each([
    ['active', 'enabled', 'active', null],
    ['resigned', 'enabled', 'disabled', 'resigned'],
    ['out_of_scope', 'enabled', 'disabled', 'out_of_scope'],
    ['resigned', 'closed', 'disabled', 'idp_closed'],
  ] as const)('should publish a %s user of an %s IdP as %s (%p)', (status, idpStatus, expected, reason) => {
    const built = buildSubject({
      idpId: 'i',
      user: aUser({ openId: 'u', status }),
      userSourceAt: 1,
      userSourceVersion: 1,
      idp: idp(idpStatus),
      tree,
    });
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
      buildSubject({
        idpId: 'i',
        user,
        userSourceAt: 1,
        userSourceVersion: 1,
        idp: idp('enabled', { title: 'jobTitle', c: 'custom:c1', none: 'mobile' }),
        tree,
      }).content.attributes,
    ).toEqual({ c: 'x', title: 'CISO' });
  });

  it('should build a department node with its path and tombstone one that left the tree', () => {
    expect(
      buildDepartment({ ...idp(), idpId: 'i' }, 'c', tree, { direct: 2, total: 2 })!.content,
    ).toMatchObject({ parentId: 'b', path: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], memberCount: 2 });
    expect(buildDepartment({ ...idp(), idpId: 'i' }, 'gone', tree, { direct: 0, total: 0 })).toBeNull();
  });

  it('should survive a parent cycle', () => {
    const cyclic = new DepartmentTree([dept('x', 'y'), dept('y', 'x')]);
    expect(cyclic.pathOf('x')!.map((d) => d.id)).toEqual(['y', 'x']);
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
