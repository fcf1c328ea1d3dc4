import type { EntityManager } from '@mikro-orm/postgresql';
import { withDates } from '../../db/raw.js';
import { tokyoDate } from '../../lib/tokyo-time.js';

/**
 * Where a notice stands at a moment (staff.md "Notices"): the window is [publishFrom, publishUntil) — shown from
 * publishFrom, gone at publishUntil. A withdrawal wins over everything.
 */
export const NOTICE_STATES = ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'EXPIRED', 'WITHDRAWN'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export interface NoticeWindow {
  publishFrom: Date | null;
  publishUntil: Date | null;
  withdrawnAt: Date | null;
}

export function noticeState(n: NoticeWindow, now: Date): NoticeState {
  if (n.withdrawnAt) return 'WITHDRAWN';
  if (!n.publishFrom) return 'DRAFT';
  if (now < n.publishFrom) return 'SCHEDULED';
  if (n.publishUntil && now >= n.publishUntil) return 'EXPIRED';
  return 'PUBLISHED';
}

/** A staff member named on a notice. */
export interface StaffRefView {
  id: string;
  name: string;
  bureau: string;
}

/** A notice as the staff API shows it. */
export interface StaffNoticeView extends NoticeWindow {
  id: string;
  state: NoticeState;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
  /** the day the top page shows (publishFrom's day in Japan), null for a draft */
  publishedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: StaffRefView | null;
  updatedBy: StaffRefView | null;
}

export interface NoticeDbRow {
  id: number;
  title_ja: string;
  body_ja: string;
  title_en: string;
  body_en: string;
  publish_from: Date | null;
  publish_until: Date | null;
  withdrawn_at: Date | null;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  created_by_name: string | null;
  created_by_bureau: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  updated_by_bureau: string | null;
}

export const NOTICE_SELECT = `select n.id, n.title_ja, n.body_ja, n.title_en, n.body_en, n.publish_from, n.publish_until,
  n.withdrawn_at, n.created_at, n.updated_at, n.created_by, c.name as created_by_name, c.bureau as created_by_bureau,
  n.updated_by, u.name as updated_by_name, u.bureau as updated_by_bureau
  from notice n left join staff_member c on c.id = n.created_by left join staff_member u on u.id = n.updated_by`;

export function staffNoticeView(raw: NoticeDbRow, now: Date): StaffNoticeView {
  const row = withDates(raw, 'publish_from', 'publish_until', 'withdrawn_at', 'created_at', 'updated_at');
  const ref = (id: string | null, name: string | null, bureau: string | null) => (id ? { id, name: name ?? '', bureau: bureau ?? '' } : null);
  const window = { publishFrom: row.publish_from, publishUntil: row.publish_until, withdrawnAt: row.withdrawn_at };
  return {
    id: String(row.id),
    state: noticeState(window, now),
    titleJa: row.title_ja,
    bodyJa: row.body_ja,
    titleEn: row.title_en,
    bodyEn: row.body_en,
    ...window,
    publishedOn: row.publish_from ? tokyoDate(row.publish_from) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: ref(row.created_by, row.created_by_name, row.created_by_bureau),
    updatedBy: ref(row.updated_by, row.updated_by_name, row.updated_by_bureau),
  };
}

/** Every notice, newest first (drafts by their creation), for the editor. */
export async function listStaffNotices(em: EntityManager, now: Date): Promise<StaffNoticeView[]> {
  const rows = await em.execute<NoticeDbRow[]>(`${NOTICE_SELECT} order by coalesce(n.publish_from, n.created_at) desc, n.id desc`);
  return rows.map((r) => staffNoticeView(r, now));
}

export async function findStaffNotice(em: EntityManager, id: number, now: Date): Promise<StaffNoticeView | null> {
  const [row] = await em.execute<NoticeDbRow[]>(`${NOTICE_SELECT} where n.id = ?`, [id]);
  return row ? staffNoticeView(row, now) : null;
}

/** A notice as the applicant API shows it: in the request language. */
export interface PublicNoticeView {
  id: string;
  publishedOn: string;
  title: string;
  body: string;
}

/** The notices inside their window now, not withdrawn, newest first, in `locale` (the applicant `notices` query). */
export async function listPublishedNotices(em: EntityManager, now: Date, locale: 'ja' | 'en'): Promise<PublicNoticeView[]> {
  const rows = await em.execute<{ id: number; publish_from: Date; title: string; body: string }[]>(
    `select id, publish_from, ${locale === 'en' ? 'title_en' : 'title_ja'} as title, ${locale === 'en' ? 'body_en' : 'body_ja'} as body
     from notice where withdrawn_at is null and publish_from is not null and publish_from <= ?
       and (publish_until is null or publish_until > ?)
     order by publish_from desc, id desc`,
    [now, now],
  );
  return rows.map((r) => ({ id: String(r.id), publishedOn: tokyoDate(withDates(r, 'publish_from').publish_from), title: r.title, body: r.body }));
}
