import { SubjectDocumentCache } from './subject-document-cache';
import {
  ALL_SUBJECTS_CHANGED,
  applySubjectChangeNotice,
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

  describe('applied to a cache', () => {
    const body = Buffer.from('{}');
    async function cacheAfter(notice: string): Promise<string[]> {
      const cache = new SubjectDocumentCache({ ttlMs: 60_000, maxBytes: 1_000 });
      const subjects = [
        ['idp-a', 'ou_1'],
        ['idp-a', 'ou_2'],
        ['idp-b', 'ou_1'],
      ];
      for (const [idpId, openId] of subjects)
        await cache.lookup(idpId, openId, () => Promise.resolve({ etag: '"1"', body }));
      applySubjectChangeNotice(cache, notice);
      return subjects.filter(([idpId, openId]) => cache.get(idpId, openId)).map((key) => key.join('/'));
    }

    it.each([
      [
        'the subjects it names',
        subjectChangeNotices([{ idpId: 'idp-a', openId: 'ou_1' }])[0],
        ['idp-a/ou_2', 'idp-b/ou_1'],
      ],
      ['every subject of the IdP it names alone', idpSubjectsChanged('idp-a'), ['idp-b/ou_1']],
      ['everything', ALL_SUBJECTS_CHANGED, []],
    ])('should drop %s', async (_, notice, kept) => {
      expect(await cacheAfter(notice)).toEqual(kept);
    });
  });
});
