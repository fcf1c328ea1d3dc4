import type { EntityManager } from '@mikro-orm/postgresql';
import { withDates } from '../../db/raw.js';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { NO_ACCOUNT } from '../../lib/no-account.js';
import { hasControlChars, normalizeEmail } from '../../lib/normalize.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { refusedUpfront } from '../password/password-policy.js';
import { auditBase, type StaffServiceContext } from './staff-context.js';
import { isAllowedStaffNetwork } from './staff-networks.js';
import { STAFF_LOCKOUT, STAFF_LOGIN_CHALLENGE_SECONDS, type SecondFactorMethod } from './staff-roles.js';
import { startStaffSession, type LiveStaffSession } from './staff-session.service.js';
import { acceptTotpCode, isTotpCodeFormat, normalizeTotpCode } from './totp.js';
import { assertionCredentialId, passkeyAuthenticationOptions, verifyPasskeyAssertion } from './webauthn.js';

export type StaffLoginOutcome =
  | { kind: 'second-factor-required'; challengeId: string; methods: SecondFactorMethod[]; expiresAt: Date }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'invalid-credentials' }
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'network-not-allowed' };

export type StaffVerifyOutcome =
  | { kind: 'success'; token: string; session: LiveStaffSession; staffId: string }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  /** the challenge is unknown, used or expired (or its member was disabled meanwhile): start again */
  | { kind: 'challenge-invalid' }
  | { kind: 'second-factor-failed' }
  | { kind: 'locked'; lockedUntil: Date };

const LOGIN_ID_CAP = 240; // 4 × the 60-character limit (rules.md §1)

interface MemberRow {
  id: string;
  login_id: string;
  bureau: string;
  status: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_last_step: string | number | null;
  failed_password_count: number;
  failed_second_factor_count: number;
  locked_until: Date | null;
  passkeys: number | string;
}

const MEMBER_COLUMNS = `id, login_id, bureau, status, password_hash, totp_secret, totp_last_step, failed_password_count,
  failed_second_factor_count, locked_until, (select count(*) from staff_passkey p where p.staff_id = staff_member.id) as passkeys`;

const lockEnd = (now: Date) => new Date(now.getTime() + STAFF_LOCKOUT.seconds * 1000);

function checkLoginInput(loginId: string | null | undefined, password: string | null | undefined): StaffFieldIssue[] {
  const issues: StaffFieldIssue[] = [];
  if (!loginId || normalizeEmail(loginId) === '') issues.push({ field: 'loginId', code: 'WZBAM001E' });
  else if (loginId.length > LOGIN_ID_CAP || hasControlChars(loginId)) issues.push({ field: 'loginId', code: 'WZBAM005E', item: 'loginId' });
  if (!password) issues.push({ field: 'password', code: 'WZBAM001E' });
  else if (refusedUpfront(password)) issues.push({ field: 'password', code: 'WZBAM005E', item: 'password' });
  return issues;
}

/**
 * Runs `attempt` with one point of the client's staff-failure budget taken first and given back unless the attempt
 * failed (a wrong password or second factor): a check-then-count would let a parallel burst through (security.md 9).
 */
async function countingFailures<T extends { kind: string }>(ctx: StaffServiceContext, failed: (o: T) => boolean, attempt: () => Promise<T>): Promise<T> {
  await ctx.limits.consume('staffLoginFailuresPerIp', ctx.ip);
  const giveBack = () => ctx.limits.refund('staffLoginFailuresPerIp', ctx.ip).catch((err: Error) => ctx.log.warn({ err: err.message }, 'rate-limit refund failed'));
  let outcome: T;
  try {
    outcome = await attempt();
  } catch (err) {
    await giveBack();
    throw err;
  }
  if (!failed(outcome)) await giveBack();
  return outcome;
}

/**
 * staffLogin, the first step (staff.md "Staff authentication"): the password. Like the applicants' login
 * (login.service.ts): argon2 runs before the row lock; an unknown login ID costs the same verify, the same statements
 * and the same answer as a wrong password; the count, the lock (5 failures → 30 minutes) and the outcome are decided
 * under `select … for update`. The right password of an unlocked, ACTIVE, enrolled member opens a short-lived,
 * single-use challenge for the second factor; nothing else is revealed before it.
 */
export async function staffLogin(ctx: StaffServiceContext, input: { loginId?: string | null; password?: string | null }): Promise<StaffLoginOutcome> {
  const issues = checkLoginInput(input.loginId, input.password);
  if (issues.length) return { kind: 'invalid-input', issues };
  const loginId = normalizeEmail(input.loginId);
  const password = input.password as string;

  if (!isAllowedStaffNetwork(ctx.config, ctx.ip)) {
    await ctx.em.transactional((em) =>
      appendAuditEvent(em, { ...auditBase(ctx, null), action: 'STAFF_LOGIN_REFUSED', details: { reason: 'network', loginId } }, ctx.clock.now(), ctx.log),
    );
    return { kind: 'network-not-allowed' };
  }

  return countingFailures(ctx, (o) => o.kind === 'invalid-credentials', async () => {
    const [candidate] = await ctx.em.execute<{ id: string; password_hash: string | null }[]>(
      'select id, password_hash from staff_member where lower(login_id) = lower(?)',
      [loginId],
    );
    const verified = candidate?.password_hash ? await ctx.hasher.verify(candidate.password_hash, password) : await ctx.hasher.verifyDummy(password);

    return ctx.em.transactional(async (em): Promise<StaffLoginOutcome> => {
      const now = ctx.clock.now();
      const [raw] = await em.execute<MemberRow[]>(`select ${MEMBER_COLUMNS} from staff_member where id = ? for update`, [candidate?.id ?? NO_ACCOUNT]);
      const row = raw && withDates(raw, 'locked_until');
      const fail = async (reason: string, failures?: number) => {
        await appendAuditEvent(
          em,
          { ...auditBase(ctx, row ? { id: row.id, bureau: row.bureau } : null), action: 'STAFF_LOGIN_FAILED', target: row?.id ?? null, details: { reason, loginId, ...(failures ? { failures } : {}) } },
          now,
          ctx.log,
        );
        return { kind: 'invalid-credentials' } as const;
      };
      if (!row) {
        await em.execute('update staff_member set failed_password_count = 0 where id = ?', [NO_ACCOUNT]); // the timing of a counted failure
        return fail('unknown-login-id');
      }
      const right = verified && row.password_hash === candidate!.password_hash;
      const lockActive = row.locked_until !== null && row.locked_until > now;
      if (!right) {
        if (lockActive || !row.password_hash) {
          await em.execute('update staff_member set failed_password_count = 0 where id = ?', [NO_ACCOUNT]);
          return fail(lockActive ? 'locked' : 'not-enrolled');
        }
        // an expired lock restarts the count
        const failures = (row.locked_until ? 0 : row.failed_password_count) + 1;
        if (failures >= STAFF_LOCKOUT.threshold) {
          const lockedUntil = lockEnd(now);
          await em.execute(
            'update staff_member set failed_password_count = 0, failed_second_factor_count = 0, locked_until = ?, updated_at = ? where id = ?',
            [lockedUntil, now, row.id],
          );
          await appendAuditEvent(em, { ...auditBase(ctx, { id: row.id, bureau: row.bureau }), action: 'STAFF_LOCKED', target: row.id, details: { after: 'password', lockedUntil: lockedUntil.toISOString() } }, now, ctx.log);
        } else {
          await em.execute('update staff_member set failed_password_count = ?, locked_until = null, updated_at = ? where id = ?', [failures, now, row.id]);
        }
        return fail('wrong-password', failures);
      }
      // The right password: the member may learn their state now.
      if (lockActive) {
        await appendAuditEvent(em, { ...auditBase(ctx, { id: row.id, bureau: row.bureau }), action: 'STAFF_LOGIN_REFUSED', target: row.id, details: { reason: 'locked' } }, now, ctx.log);
        return { kind: 'locked', lockedUntil: row.locked_until as Date };
      }
      const methods: SecondFactorMethod[] = [...(row.totp_secret ? ['TOTP' as const] : []), ...(Number(row.passkeys) > 0 ? ['PASSKEY' as const] : [])];
      if (row.status !== 'ACTIVE' || !methods.length) {
        // a disabled member (or one whose second factor was reset) is refused like a wrong password; the trail knows why
        await appendAuditEvent(em, { ...auditBase(ctx, { id: row.id, bureau: row.bureau }), action: 'STAFF_LOGIN_REFUSED', target: row.id, details: { reason: row.status !== 'ACTIVE' ? 'disabled' : 'not-enrolled' } }, now, ctx.log);
        return { kind: 'invalid-credentials' };
      }
      await em.execute('update staff_member set failed_password_count = 0, locked_until = null, updated_at = ? where id = ?', [now, row.id]);
      // one open challenge per member: a new password step voids the previous one
      await em.execute('update staff_login_challenge set used_at = ? where staff_id = ? and used_at is null', [now, row.id]);
      const challengeId = newToken();
      const expiresAt = new Date(now.getTime() + STAFF_LOGIN_CHALLENGE_SECONDS * 1000);
      await em.execute(
        'insert into staff_login_challenge (staff_id, token_hash, created_at, expires_at, ip) values (?, ?, ?, ?, ?)',
        [row.id, hashToken(challengeId), now, expiresAt, ctx.ip],
      );
      await appendAuditEvent(em, { ...auditBase(ctx, { id: row.id, bureau: row.bureau }), action: 'STAFF_LOGIN_PASSWORD_ACCEPTED', target: row.id, details: { methods } }, now, ctx.log);
      return { kind: 'second-factor-required', challengeId, methods, expiresAt };
    });
  });
}

interface ChallengeRow {
  id: string;
  staff_id: string;
  webauthn_challenge: string | null;
  expires_at: Date;
  used_at: Date | null;
}

/** The open challenge a challengeId names (unused, unexpired), or undefined. Reads only. */
async function openChallenge(em: EntityManager, challengeId: string | null | undefined, now: Date, lock = false): Promise<ChallengeRow | undefined> {
  if (!challengeId || challengeId.length > 200 || hasControlChars(challengeId)) return undefined;
  const [raw] = await em.execute<ChallengeRow[]>(
    `select id, staff_id, webauthn_challenge, expires_at, used_at from staff_login_challenge where token_hash = ?${lock ? ' for update' : ''}`,
    [hashToken(challengeId)],
  );
  const row = raw && withDates(raw, 'expires_at', 'used_at');
  return row && row.used_at === null && row.expires_at > now ? row : undefined;
}

/**
 * The common end of both second factors, under the member's and the challenge's row locks: `check` decides (it also
 * gets the row, e.g. the TOTP step last accepted) and returns what to store on success. A failure counts on the
 * member (5 → 30-minute lock, which also voids the challenge); a success resets the counters, consumes the challenge
 * and starts the one live staff session — all in one transaction with its audit event.
 */
async function completeSecondFactor(
  ctx: StaffServiceContext,
  challengeId: string,
  method: SecondFactorMethod,
  check: (em: EntityManager, member: MemberRow, challenge: ChallengeRow, now: Date) => Promise<{ ok: true; apply: () => Promise<void> } | { ok: false }>,
): Promise<StaffVerifyOutcome> {
  return countingFailures(ctx, (o) => o.kind === 'second-factor-failed' || o.kind === 'challenge-invalid', () =>
    ctx.em.transactional(async (em): Promise<StaffVerifyOutcome> => {
      const now = ctx.clock.now();
      // The member's row is locked before the challenge's, in the order staffLogin takes them (no deadlock between a
      // new password step and a second factor of the same member); the challenge is then checked again under its lock.
      const seen = await openChallenge(em, challengeId, now);
      if (!seen) return { kind: 'challenge-invalid' };
      const [raw] = await em.execute<MemberRow[]>(`select ${MEMBER_COLUMNS} from staff_member where id = ? for update`, [seen.staff_id]);
      const challenge = await openChallenge(em, challengeId, now, true);
      if (!challenge) return { kind: 'challenge-invalid' };
      const member = withDates(raw, 'locked_until');
      const actor = { id: member.id, bureau: member.bureau };
      if (member.status !== 'ACTIVE') return { kind: 'challenge-invalid' };
      if (member.locked_until && member.locked_until > now) return { kind: 'locked', lockedUntil: member.locked_until };

      const verdict = await check(em, member, challenge, now);
      if (!verdict.ok) {
        const failures = member.failed_second_factor_count + 1;
        await appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'STAFF_SECOND_FACTOR_FAILED', target: member.id, details: { method, failures } }, now, ctx.log);
        if (failures < STAFF_LOCKOUT.threshold) {
          await em.execute('update staff_member set failed_second_factor_count = ?, updated_at = ? where id = ?', [failures, now, member.id]);
          return { kind: 'second-factor-failed' };
        }
        const lockedUntil = lockEnd(now);
        await em.execute(
          'update staff_member set failed_password_count = 0, failed_second_factor_count = 0, locked_until = ?, updated_at = ? where id = ?',
          [lockedUntil, now, member.id],
        );
        await em.execute('update staff_login_challenge set used_at = ? where id = ?', [now, challenge.id]);
        await appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'STAFF_LOCKED', target: member.id, details: { after: 'second-factor', lockedUntil: lockedUntil.toISOString() } }, now, ctx.log);
        return { kind: 'locked', lockedUntil };
      }

      await verdict.apply();
      await em.execute(
        'update staff_member set failed_password_count = 0, failed_second_factor_count = 0, locked_until = null, last_login_at = ?, updated_at = ? where id = ?',
        [now, now, member.id],
      );
      await em.execute('update staff_login_challenge set used_at = ? where id = ?', [now, challenge.id]);
      const started = await startStaffSession(em, ctx.config, member.id, { ip: ctx.ip, userAgent: ctx.userAgent, now });
      await appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'STAFF_LOGIN_SUCCEEDED', target: member.id, details: { method } }, now, ctx.log);
      return { kind: 'success', ...started, staffId: member.id };
    }),
  );
}

/** staffVerifyTotp: the second step with a TOTP code (±1 step, each code once). */
export async function staffVerifyTotp(ctx: StaffServiceContext, input: { challengeId?: string | null; code?: string | null }): Promise<StaffVerifyOutcome> {
  const issues: StaffFieldIssue[] = [];
  if (!input.challengeId) issues.push({ field: 'challengeId', code: 'WZBAM001E' });
  const code = typeof input.code === 'string' ? normalizeTotpCode(input.code.slice(0, 40)) : '';
  if (!code) issues.push({ field: 'code', code: 'WZBAM001E' });
  else if (!isTotpCodeFormat(code)) issues.push({ field: 'code', code: 'WZBAM005E', item: 'totpCode' });
  if (issues.length) return { kind: 'invalid-input', issues };

  return completeSecondFactor(ctx, input.challengeId as string, 'TOTP', async (em, member, _challenge, now) => {
    const lastStep = member.totp_last_step === null ? null : Number(member.totp_last_step);
    const step = member.totp_secret ? acceptTotpCode(member.totp_secret, code, now, lastStep) : null;
    if (step === null) return { ok: false };
    return { ok: true, apply: async () => void (await em.execute('update staff_member set totp_last_step = ? where id = ?', [step, member.id])) };
  });
}

/**
 * staffPasskeyOptions: the WebAuthn request options for the member's passkeys, the challenge kept on the login
 * challenge until staffVerifyPasskey. Null when the challengeId is not open or the member has no passkey.
 */
export async function staffPasskeyOptions(ctx: StaffServiceContext, challengeId: string): Promise<string | null> {
  const challenge = await openChallenge(ctx.em, challengeId, ctx.clock.now());
  if (!challenge) return null;
  const passkeys = await ctx.em.execute<{ credential_id: string; transports: string[] }[]>(
    'select credential_id, transports from staff_passkey where staff_id = ?',
    [challenge.staff_id],
  );
  if (!passkeys.length) return null;
  const { optionsJson, challenge: webauthnChallenge } = await passkeyAuthenticationOptions(
    ctx.config,
    passkeys.map((p) => ({ credentialId: p.credential_id, transports: p.transports ?? [] })),
  );
  await ctx.em.execute('update staff_login_challenge set webauthn_challenge = ? where id = ? and used_at is null', [webauthnChallenge, challenge.id]);
  return optionsJson;
}

const ASSERTION_CAP = 20_000;

/** staffVerifyPasskey: the second step with a passkey assertion (user verification required). */
export async function staffVerifyPasskey(ctx: StaffServiceContext, input: { challengeId?: string | null; response?: string | null }): Promise<StaffVerifyOutcome> {
  const issues: StaffFieldIssue[] = [];
  if (!input.challengeId) issues.push({ field: 'challengeId', code: 'WZBAM001E' });
  if (!input.response) issues.push({ field: 'response', code: 'WZBAM001E' });
  else if (input.response.length > ASSERTION_CAP) issues.push({ field: 'response', code: 'WZBAM005E', item: 'passkey' });
  if (issues.length) return { kind: 'invalid-input', issues };
  const response = input.response as string;

  return completeSecondFactor(ctx, input.challengeId as string, 'PASSKEY', async (em, member, challenge) => {
    const credentialId = assertionCredentialId(response);
    if (!credentialId || !challenge.webauthn_challenge) return { ok: false };
    const [passkey] = await em.execute<{ id: string; credential_id: string; public_key: Buffer; counter: string | number; transports: string[] }[]>(
      'select id, credential_id, public_key, counter, transports from staff_passkey where staff_id = ? and credential_id = ? for update',
      [member.id, credentialId],
    );
    if (!passkey) return { ok: false };
    const verified = await verifyPasskeyAssertion(ctx.config, response, challenge.webauthn_challenge, {
      credentialId: passkey.credential_id,
      publicKey: passkey.public_key,
      counter: Number(passkey.counter),
      transports: passkey.transports ?? [],
    });
    if (!verified) return { ok: false };
    return {
      ok: true,
      apply: async () =>
        void (await em.execute('update staff_passkey set counter = ?, last_used_at = ? where id = ?', [verified.newCounter, ctx.clock.now(), passkey.id])),
    };
  });
}
