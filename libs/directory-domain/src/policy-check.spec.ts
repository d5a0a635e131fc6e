import type { SubjectDocument } from '@app/contracts';
import { checkPolicy, type PolicyCondition } from './policy-check';

const subject: SubjectDocument = {
  idpId: 'i',
  openId: 'ou_1',
  unionId: null,
  userId: null,
  status: 'active',
  disabledReason: null,
  email: null,
  name: 'Ann',
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
  attributes: { level: 'l3', site: 'SH' },
  version: 1,
  updatedAt: 't',
};
const dept = (ids: string[], includeSubDepartments: boolean): PolicyCondition => ({
  departments: { ids, includeSubDepartments },
});

describe('checkPolicy', () => {
  it.each([
    ['the department itself', subject, dept(['od-web'], false), 'allow', 'member of Company / R&D / Web'],
    [
      'a parent with sub-departments',
      subject,
      dept(['od-rnd'], true),
      'allow',
      'member of Company / R&D / Web (sub-department of od-rnd)',
    ],
    [
      'a parent without sub-departments',
      subject,
      dept(['od-rnd'], false),
      'deny',
      'not in departments od-rnd (sub-departments excluded); member of: Company / R&D / Web',
    ],
    [
      'an unrelated department',
      subject,
      dept(['od-x'], true),
      'deny',
      'not in departments od-x or their sub-departments; member of: Company / R&D / Web',
    ],
    [
      'an attribute equal',
      subject,
      { attributes: [{ name: 'level', equals: 'l3' }] },
      'allow',
      'attribute level = "l3"',
    ],
    [
      'an attribute in a list',
      subject,
      { attributes: [{ name: 'site', in: ['BJ', 'SH'] }] },
      'allow',
      'attribute site = "SH"',
    ],
    [
      'an attribute not equal',
      subject,
      { attributes: [{ name: 'level', equals: 'l5' }] },
      'deny',
      'attribute level is "l3", not "l5"',
    ],
    [
      'an attribute not in a list',
      subject,
      { attributes: [{ name: 'site', in: ['BJ'] }] },
      'deny',
      'attribute site is "SH", not one of "BJ"',
    ],
    [
      'a missing attribute',
      subject,
      { attributes: [{ name: 'team', equals: 'x' }] },
      'deny',
      'attribute team is not set',
    ],
    [
      'a disabled subject by default',
      { ...subject, status: 'disabled', disabledReason: 'resigned' },
      {},
      'deny',
      'subject is disabled (resigned)',
    ],
    [
      'a disabled subject when activeOnly is off',
      { ...subject, status: 'disabled', disabledReason: 'frozen' },
      { activeOnly: false },
      'allow',
      'no condition to meet',
    ],
    [
      'every clause together',
      subject,
      { ...dept(['od-top'], true), attributes: [{ name: 'level', in: ['l3'] }] },
      'allow',
      'member of Company / R&D / Web (sub-department of od-top); attribute level = "l3"',
    ],
  ] as const)('should decide for %s', (_label, s, condition, decision, reason) => {
    expect(checkPolicy(s as SubjectDocument, condition as PolicyCondition)).toMatchObject({
      decision,
      reason,
    });
  });

  it('should say what matched', () => {
    expect(
      checkPolicy(subject, { ...dept(['od-rnd'], true), attributes: [{ name: 'site', equals: 'SH' }] })
        .matched,
    ).toEqual({
      department: { id: 'od-web', via: 'od-rnd', path: subject.departments[0].path },
      attributes: [{ name: 'site', value: 'SH' }],
    });
  });
});
