import type { FieldIssue } from '../../errors/field-issue.js';
import type { ServiceContext } from '../../graphql/context.js';
import { hasControlChars } from '../../lib/normalize.js';
import { hashToken } from '../../lib/tokens.js';
import { withDates } from '../../db/raw.js';
import { recordEvent } from '../audit/audit.js';
import { revokeAllSessions } from '../auth/session.service.js';
import { enqueueMail } from '../mail/outbox.js';
import { passwordSetMail } from '../mail/templates.js';
import type { LinkPurpose } from './email-link.entity.js';
import { checkNewPassword, passwordProblems, refusedUpfront } from './password-policy.js';
import { sameEmail } from '../registration/registration.validate.js';

export type SetPasswordOutcome =
  | { kind: 'success'; authId: string; purpose: LinkPurpose }
  | { kind: 'invalid-input'; issues: FieldIssue[] }
  | { kind: 'invalid-link' };

interface LinkRow {
  id: string;
  user_id: string;
  purpose: LinkPurpose;
  email: string;
  expires_at: Date;
  used_at: Date | null;
  voided_at: Date | null;
  auth_id: string;
  name: string;
  status: string;
  user_email: string;
}

/** Accounts that may (still) set a password from a link; suspended, deleted and invalid ones may not. */
const SETTABLE_STATUSES = new Set(['PENDING_PASSWORD', 'ACTIVE']);

function usable(link: LinkRow | undefined, now: Date): link is LinkRow {
  return (
    !!link &&
    !link.used_at &&
    !link.voided_at &&
    link.expires_at > now &&
    SETTABLE_STATUSES.has(link.status) &&
    // bound to the address it was sent to: an e-mail change makes older links useless
    sameEmail(link.email, link.user_email)
  );
}

function refusedPasswords(input: { password?: string | null; passwordConfirmation?: string | null }): FieldIssue[] {
  return (['password', 'passwordConfirmation'] as const)
    .filter((field) => {
      const value = input[field];
      return typeof value === 'string' && refusedUpfront(value);
    })
    // the password itself says which rule it breaks (too long, a control character); its repetition only that it is wrong
    .map((field) => ({ field, code: 'WZBAM005E', item: field, ...(field === 'password' ? { problems: passwordProblems(input.password as string) } : {}) }));
}

/**
 * The link a token names, when it may be used now (the rules of `usable`); undefined otherwise. Reads only: the link
 * is neither consumed nor changed. A missing or mangled token is an invalid link without a look-up; an unknown one
 * counts toward the per-client unknown-link limit (rules.md §7) and throws RateLimitedError once it is used up.
 */
async function usableLink(ctx: ServiceContext, rawToken: string | null | undefined): Promise<LinkRow | undefined> {
  const token = rawToken ?? '';
  if (!token || token.length > 200 || hasControlChars(token)) return undefined;

  const rows = await ctx.em.execute<LinkRow[]>(
    `select l.id, l.user_id, l.purpose, l.email, l.expires_at, l.used_at, l.voided_at,
            u.auth_id, u.name, u.status, u.email as user_email
     from email_link l join user_account u on u.id = l.user_id where l.token_hash = ?`,
    [hashToken(token)],
  );
  const link = rows[0] && withDates(rows[0], 'expires_at', 'used_at', 'voided_at');
  if (!link) {
    // Guessing tokens is the only use of unknown ones: count them per client (rules.md §7).
    await ctx.limits.consume('unknownLinkPerIp', ctx.ip);
    return undefined;
  }
  return usable(link, ctx.clock.now()) ? link : undefined;
}

export type PasswordLinkState = { usable: true; purpose: LinkPurpose } | { usable: false };

/**
 * Whether an e-mailed link can set a password now, and for what (first password or reset), so the page of the link
 * can say so before anything is typed. The same rules as setPasswordFromLink — the same code — and, like it, an
 * unknown token counts toward the unknown-link limit: it is no better a way to guess tokens. Consumes nothing.
 */
export async function passwordLinkState(ctx: ServiceContext, token: string | null | undefined): Promise<PasswordLinkState> {
  const link = await usableLink(ctx, token);
  return link ? { usable: true, purpose: link.purpose } : { usable: false };
}

/** Aborts the consuming transaction when the account changed between the first look and the row lock. */
class LinkNoLongerUsable extends Error {}

/**
 * Sets a password from an e-mailed link: the first password after registration, or a new one after a reset.
 * The link is consumed atomically (`update … where used_at is null returning`), so of many parallel uses exactly one
 * succeeds (security.md 16). A completed reset also releases a lock and ends every session (rules.md §4–§5).
 */
export async function setPasswordFromLink(
  ctx: ServiceContext,
  input: { token?: string | null; password?: string | null; passwordConfirmation?: string | null },
): Promise<SetPasswordOutcome> {
  // rules.md §1: control characters and values beyond 4 × the limit are refused before any other work — the link
  // is not even looked up. The token is the link's, not typed by the user: a mangled one is an invalid link.
  const refused = refusedPasswords(input);
  if (refused.length) return { kind: 'invalid-input', issues: refused };
  const link = await usableLink(ctx, input.token);
  if (!link) return { kind: 'invalid-link' };

  const issues = checkNewPassword({
    password: input.password,
    confirmation: input.passwordConfirmation,
    authId: link.auth_id,
  });
  if (issues.length) return { kind: 'invalid-input', issues };

  const passwordHash = await ctx.hasher.hash(input.password as string);

  try {
    return await ctx.em.transactional(async (em) => {
      const now = ctx.clock.now();
      const consumed = await em.execute<{ id: string }[]>(
        `update email_link set used_at = ?
         where id = ? and used_at is null and voided_at is null and expires_at > ? returning id`,
        [now, link.id, now],
      );
      if (!consumed.length) return { kind: 'invalid-link' } as const;
      const users = await em.execute<{ id: string; status: string; email: string }[]>(
        'select id, status, email from user_account where id = ? for update',
        [link.user_id],
      );
      const user = users[0];
      if (!SETTABLE_STATUSES.has(user.status) || !sameEmail(user.email, link.email)) {
        // Changed since the first look: throwing rolls the used mark back (returning would commit it).
        throw new LinkNoLongerUsable();
      }
      const reset = link.purpose === 'RESET';
      await em.execute(
        `update user_account set password_hash = ?, password_changed_at = ?, status = 'ACTIVE',
           failed_login_count = 0, locked_until = null, updated_at = ? where id = ?`,
        [passwordHash, now, now, user.id],
      );
      // Any other outstanding link is now pointless; a completed reset ends every session.
      await em.execute('update email_link set voided_at = ? where user_id = ? and used_at is null and voided_at is null', [now, user.id]);
      if (reset) await revokeAllSessions(em, user.id, 'PASSWORD_RESET', now);
      await enqueueMail(
        em,
        {
          kind: reset ? 'PASSWORD_RESET_DONE' : 'PASSWORD_SET',
          to: user.email,
          userId: user.id,
          ...passwordSetMail(ctx.config, { name: link.name, authId: link.auth_id, reset, at: now }),
        },
        now,
      );
      await recordEvent(em, { type: reset ? 'PASSWORD_RESET' : 'PASSWORD_SET', userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent }, now, ctx.log);
      return { kind: 'success', authId: link.auth_id, purpose: link.purpose } as const;
    });
  } catch (err) {
    if (err instanceof LinkNoLongerUsable) return { kind: 'invalid-link' };
    throw err;
  }
}
