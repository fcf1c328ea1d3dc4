import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldIssue } from '../../errors/field-issue.js';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { recordEvent } from '../audit/audit.js';
import { revokeAllSessions } from '../auth/session.service.js';
import { enqueueMail, type MailKind } from '../mail/outbox.js';
import { passwordResetLinkMail, type MailContent } from '../mail/templates.js';
import { issueEmailLink } from '../password/email-link.service.js';
import { checkEmail, checkName } from '../registration/registration.validate.js';
import type { StaffActor, StaffServiceContext } from '../staff/staff-context.js';
import { asStaff, checkAuthId, checkReason, checkReceptionNumber, endOfTokyoDay, maskEmail, parseIsoDate } from './applicant-admin.validate.js';
import { accountResumedMail, accountSuspendedMail, accountUnlockedMail, authIdRenoticeMail, usageExpirySetMail } from './applicant-mails.js';
import { findApplicantDetail, type ApplicantDetailView } from './applicant-view.js';
import { checkBase, lockAccount, onAccount, type ActionBase, type ChangeEvent, type TargetAccount } from './applicant-target.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { auditBase } from '../staff/staff-context.js';

export type ApplicantActionOutcome =
  | { kind: 'done'; applicant: ApplicantDetailView }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'not-found' }
  | { kind: 'invalid-state' };

type Change = (em: EntityManager, account: TargetAccount, now: Date, ctx: StaffServiceContext) => Promise<ChangeEvent | 'invalid-state'>;

/** Queues one of the staff-action mails to the account's registered address (ja then en, through the outbox). */
async function mailTo(em: EntityManager, account: TargetAccount, kind: MailKind, content: MailContent, now: Date): Promise<void> {
  await enqueueMail(em, { kind, to: account.email, userId: account.id, ...content }, now);
}

async function runAction(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase, change: Change, extraIssues: StaffFieldIssue[] = []): Promise<ApplicantActionOutcome> {
  const issues: StaffFieldIssue[] = [];
  const base = checkBase(input, issues);
  issues.push(...extraIssues);
  if (!base || issues.length) return { kind: 'invalid-input', issues };
  const outcome = await onAccount(ctx, actor, base, (em, account, now) => change(em, account, now, ctx), async (em, account, now) =>
    (await findApplicantDetail(em, ctx.config, account.auth_id, now))!,
  );
  return outcome.kind === 'done' ? { kind: 'done', applicant: outcome.value } : outcome;
}

const who = (account: TargetAccount, now: Date) => ({ name: account.name, authId: account.auth_id, at: now });
const isLocked = (account: TargetAccount, now: Date) => account.locked_until !== null && account.locked_until > now;

/** unlockApplicant (COUNTER_CLERK, SUPERVISOR): a locked account can log in at once; INVALID_STATE when not locked. */
export function unlockApplicant(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase): Promise<ApplicantActionOutcome> {
  return runAction(ctx, actor, input, async (em, account, now, c) => {
    if (!isLocked(account, now)) return 'invalid-state';
    await em.execute('update user_account set locked_until = null, failed_login_count = 0, updated_at = ? where id = ?', [now, account.id]);
    await mailTo(em, account, 'ACCOUNT_UNLOCKED', accountUnlockedMail(c.config, who(account, now)), now);
    return { action: 'APPLICANT_UNLOCKED', details: { before: { lockedUntil: account.locked_until!.toISOString() }, after: { lockedUntil: null } } };
  });
}

/**
 * sendPasswordResetLink (COUNTER_CLERK, SUPERVISOR): the applicant side's reset link (modules/password: a RESET link
 * voiding the older ones, its mail) to the registered address. Only for accounts that may reset (ACTIVE, also
 * locked, and PENDING_PASSWORD; not suspended, deleted, invalid or past their usage end): INVALID_STATE otherwise.
 */
export function sendPasswordResetLink(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase): Promise<ApplicantActionOutcome> {
  return runAction(ctx, actor, input, async (em, account, now, c) => {
    const resettable = account.status === 'ACTIVE' || account.status === 'PENDING_PASSWORD';
    if (!resettable || (account.usage_expires_at && account.usage_expires_at <= now)) return 'invalid-state';
    const link = await issueEmailLink(em, c.config, { userId: account.id, purpose: 'RESET', email: account.email, now });
    await mailTo(em, account, 'PASSWORD_RESET_LINK', passwordResetLinkMail(c.config, { name: account.name, authId: account.auth_id, link: link.url, expiresAt: link.expiresAt }), now);
    // the applicant's own security log: by the staff (the staff member's address stays in the audit trail)
    await recordEvent(em, { userId: account.id, ip: null, type: 'PASSWORD_RESET_REQUESTED', details: { by: 'STAFF' } }, now, c.log);
    return { action: 'APPLICANT_RESET_LINK_SENT', details: { linkExpiresAt: link.expiresAt.toISOString(), mailedTo: maskEmail(account.email) } };
  });
}

/** suspendApplicant (SUPERVISOR): 利用停止 — login answers WZBAM155E from now on, every live session ends. */
export function suspendApplicant(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase): Promise<ApplicantActionOutcome> {
  return runAction(ctx, actor, input, async (em, account, now, c) => {
    if (account.status !== 'ACTIVE' && account.status !== 'PENDING_PASSWORD') return 'invalid-state';
    await em.execute("update user_account set status = 'SUSPENDED', updated_at = ? where id = ?", [now, account.id]);
    await revokeAllSessions(em, account.id, 'STAFF', now);
    await mailTo(em, account, 'ACCOUNT_SUSPENDED', accountSuspendedMail(c.config, who(account, now)), now);
    return { action: 'APPLICANT_SUSPENDED', details: { before: { status: account.status }, after: { status: 'SUSPENDED' } } };
  });
}

/** resumeApplicant (SUPERVISOR): back to ACTIVE (PENDING_PASSWORD when no password was ever set). */
export function resumeApplicant(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase): Promise<ApplicantActionOutcome> {
  return runAction(ctx, actor, input, async (em, account, now, c) => {
    if (account.status !== 'SUSPENDED') return 'invalid-state';
    const status = account.has_password ? 'ACTIVE' : 'PENDING_PASSWORD';
    await em.execute('update user_account set status = ?, updated_at = ? where id = ?', [status, now, account.id]);
    await mailTo(em, account, 'ACCOUNT_RESUMED', accountResumedMail(c.config, who(account, now)), now);
    return { action: 'APPLICANT_RESUMED', details: { before: { status: 'SUSPENDED' }, after: { status } } };
  });
}

/**
 * setUsageExpiry (SUPERVISOR): `usageExpiresOn` is the last day of use (Asia/Tokyo); from the next day's 00:00 in
 * Japan login answers WZBAM151E. Not for deleted or invalid accounts.
 */
export function setUsageExpiry(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase & { usageExpiresOn?: string | null }): Promise<ApplicantActionOutcome> {
  const issues: StaffFieldIssue[] = [];
  const raw = input.usageExpiresOn;
  const day = typeof raw === 'string' && raw.trim() && raw.length <= 40 ? parseIsoDate(raw) : null;
  if (raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim())) issues.push({ field: 'usageExpiresOn', code: 'WZBAM001E' });
  else if (!day) issues.push({ field: 'usageExpiresOn', code: 'WZBAM005E', item: 'usageExpiresOn' });
  return runAction(ctx, actor, input, async (em, account, now, c) => {
    if (account.status === 'DELETED' || account.status === 'INVALID') return 'invalid-state';
    const usageExpiresAt = endOfTokyoDay(day!);
    await em.execute('update user_account set usage_expires_at = ?, updated_at = ? where id = ?', [usageExpiresAt, now, account.id]);
    await mailTo(em, account, 'USAGE_EXPIRY_SET', usageExpirySetMail(c.config, { ...who(account, now), usageEndsOn: day! }), now);
    return {
      action: 'APPLICANT_USAGE_EXPIRY_SET',
      details: { before: { usageExpiresAt: account.usage_expires_at?.toISOString() ?? null }, after: { usageExpiresAt: usageExpiresAt.toISOString(), usageExpiresOn: day } },
    };
  }, issues);
}

export interface RenotifyValues {
  authId?: string | null;
  name?: string | null;
  birthDate?: string | null;
  email?: string | null;
  reason?: string | null;
  receptionNumber?: string | null;
}

export type RenotifyOutcome =
  | { kind: 'mailed'; mailedTo: string }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'not-found' };

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/**
 * renotifyAuthId (COUNTER_CLERK, SUPERVISOR): 認証ID確認申出 at the counter. The account is found by its 認証ID, or by
 * name + birth date + e-mail (normalized as registration stores them), which must match exactly one account; deleted
 * accounts are not found. The 認証ID goes by mail to the registered address only; the answer is that address masked,
 * nothing of the record. The audit event names the account (the trail may know it; the clerk learns nothing more).
 */
export async function renotifyAuthId(ctx: StaffServiceContext, actor: StaffActor, input: RenotifyValues): Promise<RenotifyOutcome> {
  const issues: StaffFieldIssue[] = [];
  const byAuthId = !blank(input.authId);
  let authId: string | undefined;
  let name: string | undefined;
  let birthDate: string | undefined;
  let email: string | undefined;
  if (byAuthId) authId = checkAuthId(input.authId, issues);
  else {
    const local: FieldIssue[] = [];
    name = checkName(input.name, local);
    email = checkEmail(input.email, local);
    issues.push(...asStaff(local));
    if (blank(input.birthDate)) issues.push({ field: 'birthDate', code: 'WZBAM001E' });
    else {
      birthDate = typeof input.birthDate === 'string' && input.birthDate.length <= 40 ? parseIsoDate(input.birthDate) ?? undefined : undefined;
      if (!birthDate) issues.push({ field: 'birthDate', code: 'WZBAM005E', item: 'birthDate' });
    }
  }
  const reason = checkReason(input.reason, issues);
  const receptionNumber = checkReceptionNumber(input.receptionNumber, issues);
  if (issues.length) return { kind: 'invalid-input', issues };

  return ctx.em.transactional(async (em: EntityManager): Promise<RenotifyOutcome> => {
    const now = ctx.clock.now();
    const rows = byAuthId
      ? await lockAccount(em, "auth_id = ? and status <> 'DELETED'", [authId])
      : await lockAccount(em, "name = ? and birth_date = ?::date and lower(email) = lower(?) and status <> 'DELETED' limit 2", [name, birthDate, email]);
    if (rows.length !== 1) return { kind: 'not-found' };
    const [account] = rows;
    await mailTo(em, account, 'AUTH_ID_RENOTICE', authIdRenoticeMail(ctx.config, { ...who(account, now), loginUrl: `${ctx.config.publicUrl}/login` }), now);
    const mailedTo = maskEmail(account.email);
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'APPLICANT_AUTH_ID_RENOTIFIED', target: account.auth_id, reason, receptionNumber, details: { foundBy: byAuthId ? 'authId' : 'nameBirthDateEmail', mailedTo } },
      now,
      ctx.log,
    );
    return { kind: 'mailed', mailedTo };
  });
}
