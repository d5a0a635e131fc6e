import {
  InvalidPayloadError,
  flattenCustomAttrs,
  mapLarkUserStatus,
  parseLarkDepartment,
  parseLarkUser,
  pickPrimaryDepartment,
} from './lark-mapping';
import { aLarkDepartment, aLarkUser } from './testing/factories';

describe('mapLarkUserStatus', () => {
  const ok = { is_activated: true, is_frozen: false, is_resigned: false, is_exited: false, is_unjoin: false };
  it.each([
    ['active when activated and nothing else', ok, 'active'],
    ['resigned', { ...ok, is_resigned: true }, 'resigned'],
    ['resigned when exited', { ...ok, is_exited: true }, 'resigned'],
    ['resigned over frozen', { ...ok, is_resigned: true, is_frozen: true }, 'resigned'],
    ['frozen', { ...ok, is_frozen: true }, 'frozen'],
    ['inactive when not activated', { ...ok, is_activated: false }, 'inactive'],
    ['inactive when unjoined', { ...ok, is_unjoin: true }, 'inactive'],
    ['inactive when flags are missing', {}, 'inactive'],
    ['active when the status object is missing', undefined, 'active'],
  ] as const)('should map %s', (_label, status, expected) => {
    expect(mapLarkUserStatus(status)).toBe(expected);
  });
});

describe('pickPrimaryDepartment', () => {
  it.each([
    [
      'the flagged entry',
      ['a', 'b'],
      [
        { department_id: 'a', department_order: 9 },
        { department_id: 'b', is_primary_dept: true },
      ],
      'b',
    ],
    [
      'the largest department_order',
      ['a', 'b', 'c'],
      [
        { department_id: 'a', department_order: 1 },
        { department_id: 'c', department_order: 5 },
      ],
      'c',
    ],
    ['the first department without orders', ['x', 'y'], [], 'x'],
    ['null without departments', [], [], null],
  ])('should pick %s', (_label, ids, orders, expected) => {
    expect(pickPrimaryDepartment(ids, orders)).toBe(expected);
  });
});

describe('flattenCustomAttrs', () => {
  it.each([
    ['TEXT by text', { type: 'TEXT', id: 'C-1', value: { text: 'R&D' } }, { 'C-1': 'R&D' }],
    [
      'HREF by url',
      { type: 'HREF', id: 'C-2', value: { text: 'site', url: 'https://x' } },
      { 'C-2': 'https://x' },
    ],
    [
      'ENUMERATION by option id',
      { type: 'ENUMERATION', id: 'C-3', value: { option_id: 'l2', option_value: 'Level 2' } },
      { 'C-3': 'l2' },
    ],
    [
      'GENERIC_USER by user id',
      { type: 'GENERIC_USER', id: 'C-4', value: { generic_user: { id: 'ou_9', type: 1 } } },
      { 'C-4': 'ou_9' },
    ],
    ['nothing without an id', { type: 'TEXT', value: { text: 'x' } }, {}],
    ['nothing without a value', { type: 'TEXT', id: 'C-5', value: {} }, {}],
  ])('should flatten %s', (_label, attr, expected) => {
    expect(flattenCustomAttrs([attr])).toEqual(expected);
  });

  it('should tolerate a non-array', () => {
    expect(flattenCustomAttrs(undefined)).toEqual({});
  });
});

describe('parseLarkUser', () => {
  it('should map every field of a full user', () => {
    const raw = aLarkUser({
      open_id: 'ou_a',
      union_id: 'on_a',
      user_id: 'ua',
      name: '张三',
      en_name: 'San',
      email: 'a@x.com',
      enterprise_email: 'a@corp.com',
      mobile: '+8613800000000',
      employee_no: 'E1',
      employee_type: 2,
      job_title: 'PM',
      department_ids: ['od-1', 'od-2'],
      leader_user_id: 'ou_boss',
      orders: [
        { department_id: 'od-2', department_order: 3 },
        { department_id: 'od-1', department_order: 1 },
      ],
      custom_attrs: [{ type: 'TEXT', id: 'C-cc', value: { text: '42' } }],
    });
    expect(parseLarkUser(raw)).toEqual({
      openId: 'ou_a',
      unionId: 'on_a',
      userId: 'ua',
      name: '张三',
      enName: 'San',
      email: 'a@x.com',
      enterpriseEmail: 'a@corp.com',
      mobile: '+8613800000000',
      employeeNo: 'E1',
      employeeType: 2,
      jobTitle: 'PM',
      departmentIds: ['od-1', 'od-2'],
      primaryDepartmentId: 'od-2',
      leaderOpenId: 'ou_boss',
      status: 'active',
      customAttrs: { 'C-cc': '42' },
    });
  });

  it('should tolerate a user with only an open_id', () => {
    expect(parseLarkUser({ open_id: 'ou_min' })).toMatchObject({
      openId: 'ou_min',
      name: '',
      email: null,
      departmentIds: [],
      primaryDepartmentId: null,
      status: 'active',
      customAttrs: {},
    });
  });

  it.each([
    ['no open_id', { name: 'x' }, /Lark user has no open_id/],
    ['an empty open_id', { open_id: '' }, /no open_id/],
    ['not an object', 'ou_1', /must be a JSON object/],
    ['null', null, /must be a JSON object/],
  ])('should throw InvalidPayloadError for %s', (_label, raw, message) => {
    expect(() => parseLarkUser(raw)).toThrow(InvalidPayloadError);
    expect(() => parseLarkUser(raw)).toThrow(message);
  });
});

describe('parseLarkDepartment', () => {
  it.each([
    ['"0" parent as top level', { parent_department_id: '0' }, { parentId: null }],
    ['a missing parent as top level', { parent_department_id: undefined }, { parentId: null }],
    ['a real parent', { parent_department_id: 'od-p' }, { parentId: 'od-p' }],
    ['a string order (API)', { order: '30' }, { order: 30 }],
    ['an int order (event)', { order: 7 }, { order: 7 }],
    ['a deleted status', { status: { is_deleted: true } }, { status: 'deleted' }],
    ['a missing status as active', { status: undefined }, { status: 'active' }],
  ])('should map %s', (_label, overrides, expected) => {
    expect(parseLarkDepartment(aLarkDepartment(overrides))).toMatchObject(expected);
  });

  it('should throw InvalidPayloadError naming open_department_id', () => {
    const error = (() => {
      try {
        parseLarkDepartment({ name: 'x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect(error).toMatchObject({
      field: 'open_department_id',
      message: 'Lark department has no open_department_id',
    });
  });
});
