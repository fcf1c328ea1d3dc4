import type { FieldIssue, Validated } from '../../errors/field-issue.js';
import { NO_ACCOUNT } from '../../lib/no-account.js';
import type { ServiceContext } from '../../graphql/context.js';
import { withDates } from '../../db/raw.js';
import { hasControlChars, normalizeAuthId } from '../../lib/normalize.js';
import { recordEvent } from '../audit/audit.js';
import type { UserStatus } from '../account/user.entity.js';
import { enqueueMail } from '../mail/outbox.js';
import { passwordResetLinkMail } from '../mail/templates.js';
import { checkEmail, sameEmail } from '../registration/registration.validate.js';
import { issueEmailLink } from './email-link.service.js';

export type ResetRequestOutcome =
  | { kind: 'invalid-input'; issues: FieldIssue[] }
  | { kind: 'mismatch' }
  | { kind: 'requested'; email: string };

export interface ResetRequestValues {
  authId?: string | null;
  email?: string | null;
}

/**
 * Accounts that may reset: ACTIVE (also when locked or when the password expired) and PENDING_PASSWORD (the first
 * password's link lapsed). Suspended, deleted and invalid accounts may not (rules.md §2, WZBAM168E).
 */
const RESETTABLE: ReadonlySet<UserStatus> = new Set<UserStatus>(['ACTIVE', 'PENDING_PASSWORD']);


const AUTH_ID_CAP = 80; // 4 × the 20-char limit (rules.md §1)

/** Pure: 認証ID (6–20 half-width letters, digits, symbols after normalization) and the e-mail address (rules.md §1). */
export function validateResetRequest(input: ResetRequestValues | null | undefined): Validated<{ authId: string; email: string }> {
  const issues: FieldIssue[] = [];
  const raw = input?.authId;
  let authId: string | undefined;
  if (raw !== null && raw !== undefined && (typeof raw !== 'string' || raw.length > AUTH_ID_CAP || hasControlChars(raw))) {
    issues.push({ field: 'authId', code: 'WZBAM005E', item: 'authId' });
  } else {
    const normalized = normalizeAuthId(raw);
    if (normalized === '') issues.push({ field: 'authId', code: 'WZBAM001E' });
    else if (!/^[\x21-\x7E]{6,20}$/.test(normalized)) issues.push({ field: 'authId', code: 'WZBAM005E', item: 'authId' });
    else authId = normalized;
  }
  const email = checkEmail(input?.email, issues);
  return issues.length ? { ok: false, issues } : { ok: true, value: { authId: authId!, email: email! } };
}

interface AccountRow {
  id: string;
  auth_id: string;
  name: string;
  email: string;
  status: UserStatus;
  usage_expires_at: Date | null;
}

type Refusal = 'unknown-auth-id' | 'email-mismatch' | 'status' | 'usage-expired';

function refusal(row: AccountRow | undefined, email: string, now: Date): Refusal | null {
  if (!row) return 'unknown-auth-id';
  if (!sameEmail(row.email, email)) return 'email-mismatch';
  if (!RESETTABLE.has(row.status)) return 'status';
  if (row.usage_expires_at && row.usage_expires_at <= now) return 'usage-expired';
  return null;
}

/**
 * パスワード再設定 利用者情報確認 (screen 12). Counted per client IP (10/h) and per 認証ID (3/h) before any database
 * work (rules.md §7); then the 認証ID + e-mail pair must name an account that may reset (the address compared
 * case-insensitively). A match gets a RESET link (RESET_LINK_SECONDS, single use, voiding every older link) by mail
 * to the registered address; anything else gets WZBAM168E and no mail.
 *
 * Equal timing: the answer already tells a match from a refusal (that is the manual's WZBAM168E), so what must not
 * show is WHY a pair was refused. Every refusal — unknown 認証ID, wrong address, suspended/deleted/invalid account —
 * runs exactly the same statements (the lookup, then a transaction with the lock, the link-voiding update against an
 * id no account has, and an audit row). A match runs the same first statements plus its link and mail.
 */
export async function requestPasswordReset(ctx: ServiceContext, input: ResetRequestValues): Promise<ResetRequestOutcome> {
  const checked = validateResetRequest(input);
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  const { authId, email } = checked.value;

  await ctx.limits.consume('resetRequestsPerIp', ctx.ip);
  await ctx.limits.consume('resetRequestsPerAuthId', authId);
  try {
    return await attempt(ctx, authId, email);
  } catch (err) {
    // A failure of ours (database down …) must not use up the user's few attempts.
    await Promise.all([
      ctx.limits.refund('resetRequestsPerIp', ctx.ip),
      ctx.limits.refund('resetRequestsPerAuthId', authId),
    ]).catch((e: Error) => ctx.log.warn({ err: e.message }, 'rate-limit refund failed'));
    throw err;
  }
}

async function attempt(ctx: ServiceContext, authId: string, email: string): Promise<ResetRequestOutcome> {
  const found = await ctx.em.execute<AccountRow[]>(
    'select id, auth_id, name, email, status, usage_expires_at from user_account where auth_id = ?',
    [authId],
  );
  const candidate = found[0] && withDates(found[0], 'usage_expires_at');

  return ctx.em.transactional(async (em): Promise<ResetRequestOutcome> => {
    const now = ctx.clock.now();
    const event = { ip: ctx.ip, userAgent: ctx.userAgent };
    const firstLook = refusal(candidate, email, now);
    const rows = await em.execute<AccountRow[]>(
      'select id, auth_id, name, email, status, usage_expires_at from user_account where id = ? for update',
      [firstLook ? NO_ACCOUNT : candidate!.id],
    );
    // Decided again under the lock: the account may have changed since the first look.
    const row = rows[0] && withDates(rows[0], 'usage_expires_at');
    const refused = firstLook ?? refusal(row, email, now);
    if (refused) {
      await em.execute('update email_link set voided_at = ? where user_id = ? and used_at is null and voided_at is null', [now, NO_ACCOUNT]);
      await recordEvent(em, { ...event, userId: candidate?.id ?? null, type: 'PASSWORD_RESET_REFUSED', details: { reason: refused } }, now, ctx.log);
      return { kind: 'mismatch' };
    }

    const account = row!;
    const link = await issueEmailLink(em, ctx.config, { userId: account.id, purpose: 'RESET', email: account.email, now });
    await enqueueMail(
      em,
      {
        kind: 'PASSWORD_RESET_LINK',
        to: account.email,
        userId: account.id,
        ...passwordResetLinkMail(ctx.config, { name: account.name, authId: account.auth_id, link: link.url, expiresAt: link.expiresAt }),
      },
      now,
    );
    await recordEvent(em, { ...event, userId: account.id, type: 'PASSWORD_RESET_REQUESTED' }, now, ctx.log);
    return { kind: 'requested', email: account.email };
  });
}
