import type { DirectoryDepartment } from '@app/contracts';
import {
  buildDepartmentNode,
  buildSubjectDocument,
  countMembers,
  departmentRefs,
} from './subject-projection';
import { aDepartment, aUser } from './testing/factories';

const top = aDepartment({ openDepartmentId: 'od-top', name: 'Company' });
const rnd = aDepartment({ openDepartmentId: 'od-rnd', name: 'R&D', parentId: 'od-top', path: ['od-top'] });
const web = aDepartment({
  openDepartmentId: 'od-web',
  name: 'Web',
  parentId: 'od-rnd',
  path: ['od-top', 'od-rnd'],
});
const departments = new Map<string, DirectoryDepartment>([top, rnd, web].map((d) => [d.openDepartmentId, d]));
const enabled = { status: 'enabled' as const, fieldMapping: { mail: 'email', level: 'custom:C-level' } };

describe('buildSubjectDocument', () => {
  it('should build an active subject with full department paths and mapped attributes', () => {
    const user = aUser({
      openId: 'ou_1',
      email: 'a@x.com',
      departmentIds: ['od-web'],
      customAttrs: { 'C-level': 'l3' },
    });
    expect(
      buildSubjectDocument({
        idpId: 'idp',
        user,
        departments,
        idp: enabled,
        version: 7,
        updatedAt: '2025-01-01T00:00:00.000Z',
      }),
    ).toEqual({
      idpId: 'idp',
      openId: 'ou_1',
      unionId: user.unionId,
      userId: user.userId,
      status: 'active',
      disabledReason: null,
      email: 'a@x.com',
      name: user.name,
      departments: [
        {
          id: 'od-web',
          path: [
            { id: 'od-top', name: 'Company' },
            { id: 'od-rnd', name: 'R&D' },
            { id: 'od-web', name: 'Web' },
          ],
        },
      ],
      attributes: { mail: 'a@x.com', level: 'l3' },
      version: 7,
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
  });

  it.each([
    ['resigned', 'enabled', 'resigned'],
    ['frozen', 'enabled', 'frozen'],
    ['inactive', 'enabled', 'inactive'],
    ['out_of_scope', 'enabled', 'out_of_scope'],
    ['active', 'closed', 'idp_closed'],
    ['resigned', 'closed', 'idp_closed'],
  ] as const)('should disable a %s user of an %s IdP with reason %s', (status, idpStatus, reason) => {
    const doc = buildSubjectDocument({
      idpId: 'i',
      user: aUser({ status }),
      departments,
      idp: { ...enabled, status: idpStatus },
      version: 1,
      updatedAt: 't',
    });
    expect(doc).toMatchObject({ status: 'disabled', disabledReason: reason });
  });
});

describe('departmentRefs', () => {
  it.each([
    [
      'a known department',
      'od-rnd',
      [
        { id: 'od-top', name: 'Company' },
        { id: 'od-rnd', name: 'R&D' },
      ],
    ],
    ['an unknown department', 'od-new', [{ id: 'od-new', name: '' }]],
  ])('should give the path of %s', (_label, id, expected) => {
    expect(departmentRefs(id, departments)).toEqual(expected);
  });
});

describe('countMembers', () => {
  const counts = countMembers(departments, [
    aUser({ departmentIds: ['od-web'] }),
    aUser({ departmentIds: ['od-rnd', 'od-web'] }),
    aUser({ departmentIds: ['od-top'] }),
    aUser({ departmentIds: ['od-web'], status: 'resigned' }),
    aUser({ departmentIds: ['od-web'], status: 'out_of_scope' }),
  ]);
  it.each([
    ['od-top', { direct: 1, recursive: 3 }],
    ['od-rnd', { direct: 1, recursive: 2 }],
    ['od-web', { direct: 2, recursive: 2 }],
  ])('should count the members of %s', (id, expected) => {
    expect(counts.get(id)).toEqual(expected);
  });
});

describe('buildDepartmentNode', () => {
  it('should build a node with its ancestor path (without itself) and counts', () => {
    expect(
      buildDepartmentNode({
        idpId: 'i',
        department: web,
        departments,
        counts: { direct: 2, recursive: 5 },
        version: 3,
        updatedAt: 't',
      }),
    ).toEqual({
      idpId: 'i',
      departmentId: 'od-web',
      name: 'Web',
      parentId: 'od-rnd',
      path: [
        { id: 'od-top', name: 'Company' },
        { id: 'od-rnd', name: 'R&D' },
      ],
      leaderOpenId: null,
      directMemberCount: 2,
      memberCount: 5,
      version: 3,
      updatedAt: 't',
    });
  });
});
