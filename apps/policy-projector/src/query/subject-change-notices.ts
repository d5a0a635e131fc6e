import type { SubjectDocumentCache } from './subject-document-cache';

/** PostgreSQL channel on which every commit that changes subject documents names them, for every instance's cache. */
export const SUBJECT_CHANGES_CHANNEL = 'projection_subject_changes';

/** A NOTIFY payload must stay under 8,000 bytes. */
const MAX_NOTICE_BYTES = 7_000;

/** Subjects that changed: those named, every subject of the IdP when none is, all of them when `idpId` is absent. */
export interface SubjectChangeNotice {
  idpId?: string;
  openIds: string[];
}

/** NOTIFY payloads naming these subjects: JSON arrays `[idpId, ...openIds]`, a few thousand bytes each. */
export function subjectChangeNotices(subjects: { idpId: string; openId: string }[]): string[] {
  const byIdp = new Map<string, string[]>();
  for (const { idpId, openId } of subjects) byIdp.set(idpId, [...(byIdp.get(idpId) ?? []), openId]);
  const notices: string[] = [];
  for (const [idpId, openIds] of byIdp) {
    let notice = [idpId];
    let bytes = 0;
    for (const openId of openIds) {
      const size = Buffer.byteLength(JSON.stringify(openId)) + 1;
      if (notice.length > 1 && bytes + size > MAX_NOTICE_BYTES) {
        notices.push(JSON.stringify(notice));
        notice = [idpId];
        bytes = 0;
      }
      notice.push(openId);
      bytes += size;
    }
    notices.push(JSON.stringify(notice));
  }
  return notices;
}

/** The payload that says every subject may have changed (a rebuild emptied the tables). */
export const ALL_SUBJECTS_CHANGED = '[]';

/** The payload that says every subject of one IdP may have changed (a rebuild of that IdP). */
export function idpSubjectsChanged(idpId: string): string {
  return JSON.stringify([idpId]);
}

/** Reads a payload; anything unreadable counts as "everything changed", the safe answer for a cache. */
export function parseSubjectChangeNotice(payload: string | undefined): SubjectChangeNotice {
  try {
    const parsed: unknown = JSON.parse(payload ?? '');
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
      const [idpId, ...openIds] = parsed as string[];
      return { idpId, openIds };
    }
  } catch {
    // fall through
  }
  return { openIds: [] };
}

/** Drops from a cache what a notice names: its subjects, every subject of its IdP when it names none, or everything. */
export function applySubjectChangeNotice(
  cache: Pick<SubjectDocumentCache, 'clear' | 'invalidate' | 'invalidateIdp'>,
  payload: string | undefined,
): void {
  const { idpId, openIds } = parseSubjectChangeNotice(payload);
  if (idpId === undefined) cache.clear();
  else if (openIds.length === 0) cache.invalidateIdp(idpId);
  else for (const openId of openIds) cache.invalidate(idpId, openId);
}
