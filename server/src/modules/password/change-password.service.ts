import type { FieldIssue } from '../../errors/field-issue.js';
import type { ServiceContext } from '../../graphql/context.js';
import { recordEvent } from '../audit/audit.js';
import { revokeAllSessions, revokeSession, startSession, type LiveSession } from '../auth/session.service.js';
import { enqueueMail } from '../mail/outbox.js';
import { passwordChangedMail } from '../mail/templates.js';
import { checkNewPassword, refusedUpfront } from './password-policy.js';

/** rules.md §4: this many wrong current passwords in a row on one session end the session. */
export const MAX_WRONG_CURRENT_PASSWORDS = 5;

export type ChangePasswordOutcome =
  | { kind: 'success'; token: string; session: LiveSession; userId: string }
  | { kind: 'invalid-input'; issues: FieldIssue[] }
  | { kind: 'wrong-current-password'; sessionEnded: boolean }
  /** the session ended while this request ran (a parallel fifth wrong password, a newer login …) */
  | { kind: 'session-ended' };

export interface ChangePasswordValues {
  currentPassword?: string | null;
  newPassword?: string | null;
  newPasswordConfirmation?: string | null;
}

/** Pure: the form's checks, every issue at once (the current password is only checked for presence and size here). */
export function checkChangePasswordInput(input: ChangePasswordValues, authId: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const current = input.currentPassword;
  if (typeof current !== 'string' || current === '') issues.push({ field: 'currentPassword', code: 'WZBAM001E' });
  else if (refusedUpfront(current)) {
    issues.push({ field: 'currentPassword', code: 'WZBAM005E', item: 'currentPassword' });
  }
  issues.push(
    ...checkNewPassword({
      password: input.newPassword,
      confirmation: input.newPasswordConfirmation,
      authId,
      currentPassword: typeof current === 'string' ? current : null,
      field: 'newPassword',
      confirmationField: 'newPasswordConfirmation',
      mismatchCode: 'WZBAM162E',
    }),
  );
  return issues;
}

interface LockedUserRow {
  id: string;
  auth_id: string;
  name: string;
  email: string;
  password_hash: string | null;
}

/**
 * パスワード変更 (rules.md §3–§5, security.md 14). The form is checked first (no hash, nothing counted); then the
 * current password is verified outside any lock (argon2 is slow), and the outcome decided under the account's and
 * the session's row locks:
 * - wrong: WZBAM154E, counted on the session; the fifth in a row ends the session (TOO_MANY_WRONG_PASSWORDS);
 * - right: the new hash, every session of the user ends (PASSWORD_CHANGED) and a fresh, unrestricted one starts in the
 *   same transaction — its token is the answer — outstanding e-mailed links and reminder state are cleared, and the
 *   registered address gets a notice.
 */
export async function changePassword(
  ctx: ServiceContext,
  auth: { session: LiveSession; authId: string },
  input: ChangePasswordValues,
): Promise<ChangePasswordOutcome> {
  const issues = checkChangePasswordInput(input, auth.authId);
  if (issues.length) return { kind: 'invalid-input', issues };
  const current = input.currentPassword as string;
  const newPassword = input.newPassword as string;
  const { userId, id: sessionId } = auth.session;

  const stored = await ctx.em.execute<{ password_hash: string | null }[]>('select password_hash from user_account where id = ?', [userId]);
  const hashAtVerify = stored[0]?.password_hash ?? null;
  const verified = hashAtVerify ? await ctx.hasher.verify(hashAtVerify, current) : await ctx.hasher.verifyDummy(current);
  const newHash = verified ? await ctx.hasher.hash(newPassword) : null;

  return ctx.em.transactional(async (em): Promise<ChangePasswordOutcome> => {
    const now = ctx.clock.now();
    const event = { userId, ip: ctx.ip, userAgent: ctx.userAgent };
    const users = await em.execute<LockedUserRow[]>(
      'select id, auth_id, name, email, password_hash from user_account where id = ? for update',
      [userId],
    );
    const user = users[0];
    const sessions = await em.execute<{ revoked_at: unknown }[]>('select revoked_at from session where id = ? for update', [sessionId]);
    if (!user || !sessions[0] || sessions[0].revoked_at !== null) return { kind: 'session-ended' };

    // A password changed between the verify and the lock: the verify proved nothing about the current one.
    if (!verified || !newHash || user.password_hash !== hashAtVerify) {
      const counted = await em.execute<{ wrong_password_count: number }[]>(
        'update session set wrong_password_count = wrong_password_count + 1 where id = ? returning wrong_password_count',
        [sessionId],
      );
      const inARow = counted[0].wrong_password_count;
      const sessionEnded = inARow >= MAX_WRONG_CURRENT_PASSWORDS;
      await recordEvent(em, { ...event, type: 'PASSWORD_CHANGE_FAILED', details: { reason: 'wrong-current-password', inARow } }, now, ctx.log);
      if (sessionEnded) {
        await revokeSession(em, sessionId, 'TOO_MANY_WRONG_PASSWORDS', now);
        await recordEvent(em, { ...event, type: 'SESSION_ENDED_WRONG_PASSWORDS' }, now, ctx.log);
      }
      return { kind: 'wrong-current-password', sessionEnded };
    }

    await em.execute('update user_account set password_hash = ?, password_changed_at = ?, updated_at = ? where id = ?', [
      newHash,
      now,
      now,
      userId,
    ]);
    // Links mailed for the old password (a reset requested meanwhile) are pointless now; the reminders were about it.
    await em.execute('update email_link set voided_at = ? where user_id = ? and used_at is null and voided_at is null', [now, userId]);
    await em.execute('delete from password_reminder where user_id = ?', [userId]);
    // Every session ends, this one included; the caller continues on a new token (rotation, security.md 14).
    await revokeAllSessions(em, userId, 'PASSWORD_CHANGED', now);
    const started = await startSession(em, ctx.config, user, { restricted: false, ip: ctx.ip, userAgent: ctx.userAgent, now });
    await enqueueMail(
      em,
      { kind: 'PASSWORD_CHANGED', to: user.email, userId, ...passwordChangedMail(ctx.config, { name: user.name, authId: user.auth_id, at: now }) },
      now,
    );
    await recordEvent(em, { ...event, type: 'PASSWORD_CHANGED' }, now, ctx.log);
    return { kind: 'success', token: started.token, session: started.session, userId };
  });
}
