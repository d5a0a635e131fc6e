import { AUDIT_PAGE_DEFAULT, parseAuditQuery } from './audit-query.parser';

describe('parseAuditQuery', () => {
  it('should default to the newest page of everything', () => {
    expect(parseAuditQuery({})).toEqual({ limit: AUDIT_PAGE_DEFAULT });
  });

  it('should take every filter and the cursor', () => {
    const idpId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      parseAuditQuery({ idpId, actor: 'ops-bot', since: '2026-12-01T00:00:00Z', cursor: '42', limit: '10' }),
    ).toEqual({
      idpId,
      actor: 'ops-bot',
      since: new Date('2026-12-01T00:00:00Z'),
      beforeId: '42',
      limit: 10,
    });
  });

  it.each([
    ['idpId', { idpId: 'hq' }],
    ['actor', { actor: '' }],
    ['since', { since: 'yesterday' }],
    ['since', { since: '12/01/2026' }],
    ['cursor', { cursor: '0' }],
    ['cursor', { cursor: '-1' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '501' }],
    ['limit', { limit: '2.5' }],
  ])('should name %s when it is %p', (field, params) => {
    expect(parseAuditQuery(params)).toEqual([{ field, problems: [expect.any(String)] }]);
  });
});
