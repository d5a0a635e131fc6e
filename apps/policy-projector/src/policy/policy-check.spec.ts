import type { SubjectDocument } from '@app/contracts';
import { parseCheckRequest } from './check-request';
import { checkPolicy, PolicyCondition } from './policy-check';

const subject = (overrides: Partial<SubjectDocument> = {}): SubjectDocument => ({
  idpId: 'i', openId: 'u', unionId: null, userId: null, status: 'active', disabledReason: null, email: null, name: 'U',
  departments: [{ id: 'sec', path: [{ id: 'co', name: 'Co' }, { id: 'eng', name: 'Eng' }, { id: 'sec', name: 'Sec' }] }],
  attributes: { level: 'L5' }, version: 7, updatedAt: '2025-01-01T00:00:00.000Z', ...overrides,
});

describe('checkPolicy', () => {
  it.each<[string, SubjectDocument | null, PolicyCondition, string, string]>([
    ['own department', subject(), { departments: [{ id: 'sec', includeSubDepartments: false }] }, 'allow', 'matched'],
    ['ancestor without sub-departments', subject(), { departments: [{ id: 'eng', includeSubDepartments: false }] }, 'deny', 'department_not_matched'],
    ['ancestor with sub-departments', subject(), { departments: [{ id: 'co', includeSubDepartments: true }] }, 'allow', 'matched'],
    ['attribute in', subject(), { attributes: [{ name: 'level', in: ['L5', 'L6'] }] }, 'allow', 'matched'],
    ['absent attribute', subject(), { attributes: [{ name: 'team', equals: 'x' }] }, 'deny', 'attribute_not_matched'],
    ['disabled subject', subject({ status: 'disabled', disabledReason: 'idp_closed' }), {}, 'deny', 'subject_disabled'],
    ['unknown subject', null, {}, 'deny', 'subject_not_found'],
  ])('should decide %s', (_, doc, condition, decision, reason) => {
    expect(checkPolicy(doc, condition)).toMatchObject({ decision, reason });
  });

  it('should name the matched path and a disabled reason', () => {
    expect(checkPolicy(subject(), { departments: [{ id: 'eng', includeSubDepartments: true }] }).detail).toContain('Co / Eng / Sec');
    expect(checkPolicy(subject({ status: 'disabled', disabledReason: 'resigned' }), {}).detail).toContain('resigned');
  });

  it.each([null, [], { openId: '' }, { openId: 'u', condition: { activeOnly: 'yes' } }])('should reject %p', (body) => {
    expect(parseCheckRequest(body)).toHaveProperty('problems');
  });
});
