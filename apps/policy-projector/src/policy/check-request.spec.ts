import { parseCheckRequest } from './check-request';

describe('parseCheckRequest', () => {
  it('should default includeSubDepartments to false', () => {
    expect(parseCheckRequest({ openId: 'u', condition: { departments: { ids: ['d'] } } })).toEqual({
      request: {
        openId: 'u',
        condition: {
          departments: { ids: ['d'], includeSubDepartments: false },
          attributes: undefined,
          activeOnly: undefined,
        },
      },
    });
  });

  it.each([
    [null, /JSON object/],
    [{ condition: {} }, /openId/],
    [{ openId: 'u' }, /condition must/],
    [{ openId: 'u', condition: { departments: ['d'] } }, /departments/],
    [{ openId: 'u', condition: { departments: { ids: [] } } }, /departments/],
    [{ openId: 'u', condition: { attributes: [{ name: 'a' }] } }, /attributes\[0\]/],
    [{ openId: 'u', condition: { activeOnly: 'yes' } }, /activeOnly/],
  ])('should reject %p naming the problem', (body, problem) => {
    const parsed = parseCheckRequest(body);
    expect('problems' in parsed && parsed.problems.join('\n')).toMatch(problem);
  });
});
