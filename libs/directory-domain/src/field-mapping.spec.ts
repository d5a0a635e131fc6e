import { isMappableLarkField, mapAttributes } from './field-mapping';
import { aUser } from './testing/factories';

describe('mapAttributes', () => {
  const user = aUser({
    email: 'a@x.com',
    jobTitle: 'PM',
    employeeNo: null,
    employeeType: 3,
    departmentIds: ['od-1', 'od-2'],
    customAttrs: { 'C-cc': '42' },
  });

  it.each([
    ['a DirectoryUser field', { mail: 'email' }, { mail: 'a@x.com' }],
    ['a snake_case Lark field', { title: 'job_title' }, { title: 'PM' }],
    ['a number as a string', { kind: 'employeeType' }, { kind: '3' }],
    ['a list joined by commas', { depts: 'departmentIds' }, { depts: 'od-1,od-2' }],
    ['a custom attribute', { costCenter: 'custom:C-cc' }, { costCenter: '42' }],
    ['nothing for a null field', { no: 'employeeNo' }, {}],
    ['nothing for a missing custom attribute', { x: 'custom:C-none' }, {}],
    ['nothing for an unknown field', { x: 'shoeSize' }, {}],
  ])('should map %s', (_label, mapping, expected) => {
    expect(mapAttributes(user, mapping)).toEqual(expected);
  });
});

describe('isMappableLarkField', () => {
  it.each([
    ['email', true],
    ['employee_no', true],
    ['leader_user_id', true],
    ['custom:C-1', true],
    ['custom:', false],
    ['customAttrs', false],
    ['x', false],
  ])('should say %s is mappable: %s', (field, expected) => {
    expect(isMappableLarkField(field)).toBe(expected);
  });
});
