import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { codePointLength, hasControlChars } from '../../lib/normalize.js';
import { parseTokyoTime } from '../../lib/tokyo-time.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { auditBase, type StaffActor, type StaffServiceContext } from '../staff/staff-context.js';
import { findStaffNotice, type StaffNoticeView } from './notice-view.js';

export type NoticeOutcome =
  | { kind: 'saved'; notice: StaffNoticeView }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'not-found' }
  | { kind: 'invalid-state' };

export interface NoticeValues {
  id?: string | null;
  titleJa?: string | null;
  bodyJa?: string | null;
  titleEn?: string | null;
  bodyEn?: string | null;
  publishFrom?: string | null;
  publishUntil?: string | null;
}

export const NOTICE_TITLE_LIMIT = 100;
export const NOTICE_BODY_LIMIT = 4000;

interface CheckedNotice {
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
  publishFrom: Date | null;
  publishUntil: Date | null;
}

/** A title: one line. A body: lines (CR LF and CR become LF; tabs and other controls are refused). Both trimmed. */
function checkText(raw: string | null | undefined, field: keyof CheckedNotice, multiline: boolean, issues: StaffFieldIssue[]): string {
  const value = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  const item = field as 'titleJa' | 'bodyJa' | 'titleEn' | 'bodyEn';
  if (!value) issues.push({ field, code: 'WZBAM001E' });
  else if (hasControlChars(multiline ? value.replace(/\n/g, '') : value)) issues.push({ field, code: 'WZBAM005E', item });
  else if (codePointLength(value) > (multiline ? NOTICE_BODY_LIMIT : NOTICE_TITLE_LIMIT)) {
    issues.push({ field, code: multiline ? 'NOTICE_BODY_TOO_LONG' : 'NOTICE_TITLE_TOO_LONG', item });
  }
  return value;
}

function checkTime(raw: string | null | undefined, field: 'publishFrom' | 'publishUntil', issues: StaffFieldIssue[]): Date | null {
  if (raw == null || raw.trim() === '') return null;
  const parsed = parseTokyoTime(raw);
  if (!parsed) issues.push({ field, code: 'WZBAM005E', item: field });
  return parsed?.at ?? null;
}

/** saveNotice's checks, every issue at once (titles and bodies in both languages are required). */
export function validateNotice(input: NoticeValues): { ok: true; value: CheckedNotice } | { ok: false; issues: StaffFieldIssue[] } {
  const issues: StaffFieldIssue[] = [];
  const value: CheckedNotice = {
    titleJa: checkText(input.titleJa, 'titleJa', false, issues),
    bodyJa: checkText(input.bodyJa, 'bodyJa', true, issues),
    titleEn: checkText(input.titleEn, 'titleEn', false, issues),
    bodyEn: checkText(input.bodyEn, 'bodyEn', true, issues),
    publishFrom: checkTime(input.publishFrom, 'publishFrom', issues),
    publishUntil: checkTime(input.publishUntil, 'publishUntil', issues),
  };
  // an end needs a start before it (a draft has no window); a start that did not parse has its own issue already
  const fromBad = issues.some((i) => i.field === 'publishFrom');
  if (value.publishUntil && !fromBad && (!value.publishFrom || value.publishUntil <= value.publishFrom)) {
    issues.push({ field: 'publishUntil', code: 'NOTICE_WINDOW_INVALID', item: 'publishUntil' });
  }
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

/** A notice id as the API gives it: a positive integer in a string. */
export function noticeId(raw: string | null | undefined): number | null {
  const s = (raw ?? '').trim();
  if (!/^[1-9]\d{0,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= 2_147_483_647 ? n : null;
}

/** What an audit event records of a notice (before/after). */
function auditView(n: Pick<StaffNoticeView, 'titleJa' | 'bodyJa' | 'titleEn' | 'bodyEn' | 'publishFrom' | 'publishUntil' | 'state'>) {
  return {
    titleJa: n.titleJa,
    bodyJa: n.bodyJa,
    titleEn: n.titleEn,
    bodyEn: n.bodyEn,
    publishFrom: n.publishFrom?.toISOString() ?? null,
    publishUntil: n.publishUntil?.toISOString() ?? null,
    state: n.state,
  };
}

/**
 * saveNotice (NOTICE_EDITOR): without `id` a new notice, with one an update of that notice (under its row lock). A
 * withdrawn notice cannot be changed (INVALID_STATE): withdrawal is final, a new notice replaces it. Audited
 * (NOTICE_SAVED, before/after) in the same transaction.
 */
export async function saveNotice(ctx: StaffServiceContext, actor: StaffActor, input: NoticeValues): Promise<NoticeOutcome> {
  const hasId = input.id != null && input.id.trim() !== '';
  const id = hasId ? noticeId(input.id) : null;
  if (hasId && id === null) return { kind: 'not-found' };
  const checked = validateNotice(input);
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  const v = checked.value;
  return ctx.em.transactional(async (em): Promise<NoticeOutcome> => {
    const now = ctx.clock.now();
    let before: StaffNoticeView | null = null;
    let targetId: number;
    if (id !== null) {
      const [locked] = await em.execute<{ id: number }[]>('select id from notice where id = ? for update', [id]);
      if (!locked) return { kind: 'not-found' };
      before = await findStaffNotice(em, id, now);
      if (before!.state === 'WITHDRAWN') return { kind: 'invalid-state' };
      await em.execute(
        `update notice set title_ja = ?, body_ja = ?, title_en = ?, body_en = ?, publish_from = ?, publish_until = ?,
           updated_by = ?, updated_at = ? where id = ?`,
        [v.titleJa, v.bodyJa, v.titleEn, v.bodyEn, v.publishFrom, v.publishUntil, actor.id, now, id],
      );
      targetId = id;
    } else {
      const [row] = await em.execute<{ id: number }[]>(
        `insert into notice (title_ja, body_ja, title_en, body_en, publish_from, publish_until, created_by, updated_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [v.titleJa, v.bodyJa, v.titleEn, v.bodyEn, v.publishFrom, v.publishUntil, actor.id, actor.id, now, now],
      );
      targetId = row.id;
    }
    const after = (await findStaffNotice(em, targetId, now))!;
    await appendAuditEvent(
      em,
      {
        ...auditBase(ctx, actor),
        action: 'NOTICE_SAVED',
        target: String(targetId),
        details: { created: before === null, before: before ? auditView(before) : null, after: auditView(after) },
      },
      now,
      ctx.log,
    );
    return { kind: 'saved', notice: after };
  });
}

/**
 * withdrawNotice (NOTICE_EDITOR): taken down at once and for good, whatever its state (a draft withdrawn is
 * discarded); a withdrawn one again is INVALID_STATE. Audited (NOTICE_WITHDRAWN) in the same transaction.
 */
export async function withdrawNotice(ctx: StaffServiceContext, actor: StaffActor, rawId: string | null | undefined): Promise<NoticeOutcome> {
  const id = noticeId(rawId);
  if (id === null) return { kind: 'not-found' };
  return ctx.em.transactional(async (em): Promise<NoticeOutcome> => {
    const now = ctx.clock.now();
    const [locked] = await em.execute<{ id: number }[]>('select id from notice where id = ? for update', [id]);
    if (!locked) return { kind: 'not-found' };
    const before = (await findStaffNotice(em, id, now))!;
    if (before.state === 'WITHDRAWN') return { kind: 'invalid-state' };
    await em.execute('update notice set withdrawn_at = ?, updated_by = ?, updated_at = ? where id = ?', [now, actor.id, now, id]);
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'NOTICE_WITHDRAWN', target: String(id), details: { before: { state: before.state }, after: { state: 'WITHDRAWN' } } },
      now,
      ctx.log,
    );
    return { kind: 'saved', notice: (await findStaffNotice(em, id, now))! };
  });
}
