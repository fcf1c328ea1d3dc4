import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldIssue } from '../../errors/field-issue.js';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { hasControlChars, normalizeName } from '../../lib/normalize.js';
import { USER_STATUSES, type UserStatus } from '../account/user.entity.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { checkEmail } from '../registration/registration.validate.js';
import { auditBase, type StaffActor, type StaffServiceContext } from '../staff/staff-context.js';
import { asStaff, checkAuthId, parseIsoDate } from './applicant-admin.validate.js';
import { findApplicantDetail, SUMMARY_COLUMNS, summaryFromRow, type ApplicantDetailView, type ApplicantSummaryView } from './applicant-view.js';

export interface ApplicantFilterValues {
  authId?: string | null;
  name?: string | null;
  email?: string | null;
  birthDate?: string | null;
  status?: string | null;
  locked?: boolean | null;
}

/** The filter after normalization: what is searched for, and what the audit event records. */
export interface ApplicantFilterNormalized {
  authId?: string;
  namePrefix?: string;
  email?: string;
  birthDate?: string;
  status?: UserStatus;
  locked?: boolean;
}

export const PAGE_DEFAULT = 20;
export const PAGE_MAX = 100;
const NAME_LIMIT = 104;

export type ApplicantSearchOutcome =
  | { kind: 'page'; nodes: ApplicantSummaryView[]; endCursor: string | null; hasNextPage: boolean }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] };

const present = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');

/** The filter's checks: each criterion normalized as registration stores it (authId, e-mail, name); all issues at once. */
export function validateFilter(filter: ApplicantFilterValues, first: number | null | undefined, after: string | null | undefined):
  { ok: true; filter: ApplicantFilterNormalized; first: number; after: string | null } | { ok: false; issues: StaffFieldIssue[] } {
  const issues: StaffFieldIssue[] = [];
  const out: ApplicantFilterNormalized = {};
  if (present(filter.authId)) out.authId = checkAuthId(filter.authId, issues);
  if (present(filter.email)) {
    const local: FieldIssue[] = [];
    out.email = checkEmail(filter.email, local);
    issues.push(...asStaff(local));
  }
  if (present(filter.name)) {
    const raw = filter.name as string;
    const name = typeof raw === 'string' && raw.length <= NAME_LIMIT * 4 && !hasControlChars(raw) ? normalizeName(raw) : '';
    // registration stores A–Z and single spaces only: any other character can match no one
    if (!/^[A-Z ]{1,104}$/.test(name)) issues.push({ field: 'name', code: 'WZBAM005E', item: 'name' });
    else out.namePrefix = name;
  }
  if (present(filter.birthDate)) {
    const date = typeof filter.birthDate === 'string' ? parseIsoDate(filter.birthDate) : null;
    if (!date) issues.push({ field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' });
    else out.birthDate = date;
  }
  if (present(filter.status)) {
    const status = String(filter.status).trim().toUpperCase();
    if (!(USER_STATUSES as readonly string[]).includes(status)) issues.push({ field: 'status', code: 'WZBAM005E', item: 'applicantStatus' });
    else out.status = status as UserStatus;
  }
  if (typeof filter.locked === 'boolean') out.locked = filter.locked;
  const size = first ?? PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX) issues.push({ field: 'first', code: 'WZBAM005E', item: 'first' });
  let afterAuthId: string | null = null;
  if (present(after)) {
    afterAuthId = decodeCursor(after as string);
    if (afterAuthId === null) issues.push({ field: 'after', code: 'WZBAM005E', item: 'cursor' });
  }
  return issues.length ? { ok: false, issues } : { ok: true, filter: out, first: size, after: afterAuthId };
}

/** The cursor is opaque to clients: the last row's 認証ID (the order's key), base64url-encoded with a version tag. */
export function encodeCursor(authId: string): string {
  return Buffer.from(`a1:${authId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  if (cursor.length > 100) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^a1:[\x21-\x7E]{1,20}$/.test(text) ? text.slice(3) : null;
}

/**
 * The search's SQL: every criterion is served by an index (the migration's user_account_*_idx, the 認証ID's unique
 * index, user_account_email_idx on lower(email)) and the order is the 認証ID's, unique, so pages are stable: a page
 * starts after the previous page's last 認証ID (keyset pagination, no OFFSET).
 */
export function searchSql(filter: ApplicantFilterNormalized, after: string | null, limit: number, now: Date): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.authId !== undefined) where.push('u.auth_id = ?'), params.push(filter.authId);
  if (filter.email !== undefined) where.push('lower(u.email) = lower(?)'), params.push(filter.email);
  if (filter.namePrefix !== undefined) where.push('u.name like ?'), params.push(`${filter.namePrefix}%`); // A–Z and spaces only: nothing to escape
  if (filter.birthDate !== undefined) where.push('u.birth_date = ?::date'), params.push(filter.birthDate);
  if (filter.status !== undefined) where.push('u.status = ?'), params.push(filter.status);
  if (filter.locked === true) where.push('u.locked_until > ?'), params.push(now);
  if (filter.locked === false) where.push('(u.locked_until is null or u.locked_until <= ?)'), params.push(now);
  if (after !== null) where.push('u.auth_id > ?'), params.push(after);
  params.push(limit);
  return {
    sql: `select ${SUMMARY_COLUMNS} from user_account u ${where.length ? `where ${where.join(' and ')}` : ''} order by u.auth_id limit ?`,
    params,
  };
}

/** applicants (COUNTER_CLERK, SUPERVISOR, AUDITOR): one page, and an APPLICANTS_SEARCHED event with the filter. */
export async function searchApplicants(
  ctx: StaffServiceContext,
  actor: StaffActor,
  input: { filter: ApplicantFilterValues; first?: number | null; after?: string | null },
): Promise<ApplicantSearchOutcome> {
  const checked = validateFilter(input.filter ?? {}, input.first, input.after);
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  return ctx.em.transactional(async (em: EntityManager): Promise<ApplicantSearchOutcome> => {
    const now = ctx.clock.now();
    const { sql, params } = searchSql(checked.filter, checked.after, checked.first + 1, now);
    const rows = await em.execute<Record<string, unknown>[]>(sql, params);
    const nodes = rows.slice(0, checked.first).map((r) => summaryFromRow(r, now));
    const hasNextPage = rows.length > checked.first;
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'APPLICANTS_SEARCHED', details: { filter: checked.filter, first: checked.first, after: checked.after, results: nodes.length } },
      now,
      ctx.log,
    );
    return { kind: 'page', nodes, endCursor: nodes.length ? encodeCursor(nodes.at(-1)!.authId) : null, hasNextPage };
  });
}

/** applicant(authId) (COUNTER_CLERK, SUPERVISOR, AUDITOR): the detail, or null; every read is an APPLICANT_VIEWED event. */
export async function viewApplicant(ctx: StaffServiceContext, actor: StaffActor, authIdRaw: string): Promise<ApplicantDetailView | null> {
  const authId = checkAuthId(authIdRaw, []);
  return ctx.em.transactional(async (em: EntityManager) => {
    const now = ctx.clock.now();
    const detail = authId ? await findApplicantDetail(em, ctx.config, authId, now) : null;
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'APPLICANT_VIEWED', target: detail?.authId ?? authId ?? null, details: { found: detail !== null } },
      now,
      ctx.log,
    );
    return detail;
  });
}
