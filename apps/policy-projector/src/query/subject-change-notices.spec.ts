import {
  ALL_SUBJECTS_CHANGED,
  idpSubjectsChanged,
  parseSubjectChangeNotice,
  subjectChangeNotices,
} from './subject-change-notices';

describe('subject change notices', () => {
  it('should name every subject, one notice per IdP when they fit', () => {
    const notices = subjectChangeNotices([
      { idpId: 'idp-a', openId: 'ou_1' },
      { idpId: 'idp-b', openId: 'ou_2' },
      { idpId: 'idp-a', openId: 'ou_3' },
    ]);
    expect(notices.map(parseSubjectChangeNotice)).toEqual([
      { idpId: 'idp-a', openIds: ['ou_1', 'ou_3'] },
      { idpId: 'idp-b', openIds: ['ou_2'] },
    ]);
  });

  it('should split a large change into notices under the NOTIFY payload limit', () => {
    const openIds = Array.from({ length: 10_000 }, (_, i) => `ou_${'x'.repeat(30)}${i}`);
    const notices = subjectChangeNotices(openIds.map((openId) => ({ idpId: 'idp-a', openId })));
    expect(notices.length).toBeGreaterThan(1);
    for (const notice of notices) expect(Buffer.byteLength(notice)).toBeLessThan(8_000);
    expect(notices.flatMap((notice) => parseSubjectChangeNotice(notice).openIds)).toEqual(openIds);
  });

  it('should read an IdP without subjects as every subject of that IdP', () => {
    expect(parseSubjectChangeNotice(idpSubjectsChanged('idp-a'))).toEqual({ idpId: 'idp-a', openIds: [] });
  });

  it.each([ALL_SUBJECTS_CHANGED, undefined, '', 'not json', '{"idpId":"a"}', '[1]'])(
    'should read %p as "every subject changed"',
    (payload) => {
      expect(parseSubjectChangeNotice(payload).idpId).toBeUndefined();
    },
  );
});
