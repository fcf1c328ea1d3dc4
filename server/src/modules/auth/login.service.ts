import type { FieldIssue } from '../../errors/field-issue.js';
import { withDates } from '../../db/raw.js';
import { NO_ACCOUNT } from '../../lib/no-account.js';
import { hasControlChars, normalizeAuthId } from '../../lib/normalize.js';
import { refusedUpfront } from '../password/password-policy.js';
import type { ServiceContext } from '../../graphql/context.js';
import { recordEvent } from '../audit/audit.js';
import type { UserStatus } from '../account/user.entity.js';
import { accountLockedMail } from '../mail/templates.js';
import { enqueueMail } from '../mail/outbox.js';
import { startSession, type LiveSession } from './session.service.js';
import { loginAtOnce } from './login-at-once.js';
import { queryPrepared } from '../../db/prepared.js';
import { takePointSql, type PointParams } from '../rate-limit/rate-limits.js';
import { passwordExpiresAt } from '../password/password-expiry.js';

export type UnavailableCode = 'WZBAM150E' | 'WZBAM151E' | 'WZBAM155E' | 'WZBAM156E';

export type LoginOutcome =
  | { kind: 'success'; token: string; session: LiveSession; userId: string }
  | { kind: 'invalid-input'; issues: FieldIssue[] }
  | { kind: 'invalid-credentials' }
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'password-expired'; token: string; session: LiveSession; userId: string }
  | { kind: 'unavailable'; code: UnavailableCode };

interface LockedUserRow {
  id: string;
  auth_id: string;
  name: string;
  email: string;
  status: UserStatus;
  usage_expires_at: Date | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  failed_login_count: number;
  locked_until: Date | null;
  last_login_at: Date | null;
}

const UPDATE_FAILURES = 'update user_account set failed_login_count = ?, locked_until = null, updated_at = ? where id = ?';

const AUTH_ID_CAP = 80; // 4 × the 20-char limit (rules.md §1)

function checkLoginInput(authIdRaw: string | null | undefined, password: string | null | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!authIdRaw || normalizeAuthId(authIdRaw) === '') issues.push({ field: 'authId', code: 'WZBAM001E' });
  else if (authIdRaw.length > AUTH_ID_CAP || hasControlChars(authIdRaw)) issues.push({ field: 'authId', code: 'WZBAM005E', item: 'authId' });
  if (!password) issues.push({ field: 'password', code: 'WZBAM001E' });
  else if (refusedUpfront(password)) issues.push({ field: 'password', code: 'WZBAM005E', item: 'password' });
  return issues;
}

function unavailableCode(row: LockedUserRow, now: Date): UnavailableCode | null {
  if (row.status === 'INVALID') return 'WZBAM150E';
  if (row.status === 'SUSPENDED') return 'WZBAM155E';
  if (row.status === 'DELETED') return 'WZBAM156E';
  if (row.usage_expires_at && row.usage_expires_at <= now) return 'WZBAM151E';
  return null;
}

/**
 * rules.md §4. The password is checked before the row lock (argon2 is slow; holding a lock through it would serialise
 * every login of the account), then the outcome is decided under `select … for update`, so counting failures, locking
 * and starting the one live session are atomic however many attempts run at once (security.md 6, 13).
 * An unknown 認証ID costs the same argon2 verify and the same answer as a wrong password (security.md 2).
 * Account states are revealed only to a caller who gave the right password.
 */
export async function login(
  ctx: ServiceContext,
  input: { authId?: string | null; password?: string | null },
): Promise<LoginOutcome> {
  const issues = checkLoginInput(input.authId, input.password);
  if (issues.length) return { kind: 'invalid-input', issues };
  const authId = normalizeAuthId(input.authId);
  const password = input.password as string;

  // Take one failure from the client's budget before the password check, and give it back unless the attempt
  // failed. A check-then-count would let every attempt of a parallel burst pass the check before any was counted
  // (rules.md §7, security.md 9). The point is taken by the same statement that finds the account (one round trip).
  const point = ctx.limits.pointParams('loginFailuresPerIp', ctx.ip);
  const [found] = await queryPrepared<CandidateRow>(ctx.shared, 'login_candidate', LOGIN_CANDIDATE, [point.key, point.expire, point.now, authId, point.limit]);
  ctx.limits.checkTaken('loginFailuresPerIp', found, point.now);
  const candidate = found?.id ? { id: found.id, password_hash: found.password_hash } : undefined;

  // A give-back that fails only leaves the point taken; it must not fail a login that already happened.
  const giveBack = () =>
    ctx.limits.givePointBack(point).catch((err: Error) => ctx.log.warn({ err: err.message }, 'rate-limit refund failed'));
  let result: { outcome: LoginOutcome; pointGivenBack: boolean };
  try {
    result = await attempt(ctx, candidate, password, point);
  } catch (err) {
    await giveBack();
    throw err;
  }
  if (result.outcome.kind !== 'invalid-credentials' && !result.pointGivenBack) await giveBack();
  return result.outcome;
}

/**
 * $1 the rate-limit key, $2 its window's end should it start now, $3 now (ms); $4 the 認証ID, $5 the limit. One row:
 * the points taken (with the window's end), and the account's id and hash when the 認証ID exists — or, when the limit
 * refused the attempt, null points and the window's end, without reading the account (no row at all when the refusing
 * row was made by a concurrent attempt after this statement began).
 *
 * The statement writes only the rate-limit row, so its commit need not wait for the disk (synchronous_commit off for
 * this transaction alone): a database crash could forget the point, i.e. allow one more attempt; a WAL flush per
 * login attempt cost measurably more database CPU. Everything else keeps the server's durable commits.
 */
const LOGIN_CANDIDATE = `with relaxed as (select set_config('synchronous_commit', 'off', true)),
  taken as (${takePointSql('$1', '$2', '$3', '$5')})
  select taken.points, taken.expire, u.id, u.password_hash from relaxed, taken left join user_account u on u.auth_id = $4
  union all
  select null, r.expire, null, null from relaxed, rate_limit r where r.key = $1 and not exists (select 1 from taken)`;

interface CandidateRow {
  points: number | null;
  expire: string;
  id: string | null;
  password_hash: string | null;
}

async function attempt(
  ctx: ServiceContext,
  candidate: { id: string; password_hash: string | null } | undefined,
  password: string,
  point: PointParams,
): Promise<{ outcome: LoginOutcome; pointGivenBack: boolean }> {
  const verified = candidate?.password_hash
    ? await ctx.hasher.verify(candidate.password_hash, password)
    : await ctx.hasher.verifyDummy(password);
  const rehash = verified && candidate?.password_hash && ctx.hasher.needsRehash(candidate.password_hash)
    ? await ctx.hasher.hash(password)
    : null;
  if (verified && candidate?.password_hash && !rehash) {
    const started = await loginAtOnce(ctx, { id: candidate.id, passwordHash: candidate.password_hash }, point);
    if (started) return { outcome: { kind: 'success', ...started, userId: candidate.id }, pointGivenBack: true };
  }

  const outcome = await ctx.em.transactional(async (em): Promise<LoginOutcome> => {
    const now = ctx.clock.now();
    const event = { ip: ctx.ip, userAgent: ctx.userAgent };
    // Every failure runs the same statements (lock, counter update, event) whether or not the account exists, so
    // the database work does not tell an unknown 認証ID from a wrong password either (security.md 2).
    const rows = await em.execute<LockedUserRow[]>(
      `select id, auth_id, name, email, status, usage_expires_at, password_hash, password_changed_at,
              failed_login_count, locked_until, last_login_at
       from user_account where id = ? for update`,
      [candidate?.id ?? NO_ACCOUNT],
    );
    if (!candidate || !rows[0]) {
      await em.execute(UPDATE_FAILURES, [0, now, NO_ACCOUNT]); // matches no row: the same round trip as a real count
      await recordEvent(em, { ...event, type: 'LOGIN_FAILED', details: { reason: 'unknown-auth-id' } }, now, ctx.log);
      return { kind: 'invalid-credentials' } as const;
    }
    const row = withDates(rows[0], 'usage_expires_at', 'password_changed_at', 'locked_until', 'last_login_at');
    // A password changed between the verify and the lock: the verify proved nothing about the current one.
    const right = verified && row.password_hash === candidate.password_hash;
    const lockActive = row.locked_until !== null && row.locked_until > now;

    if (!right) {
      if (lockActive || !row.password_hash) {
        await em.execute(UPDATE_FAILURES, [0, now, NO_ACCOUNT]); // counts nothing; keeps the timing of a counted failure
        await recordEvent(em, { ...event, userId: row.id, type: 'LOGIN_FAILED', details: { reason: lockActive ? 'locked' : 'no-password' } }, now, ctx.log);
        return { kind: 'invalid-credentials' } as const;
      }
      // An expired lock restarts the count.
      const failures = (row.locked_until ? 0 : row.failed_login_count) + 1;
      if (failures >= ctx.config.lockoutThreshold) {
        const lockedUntil = new Date(now.getTime() + ctx.config.lockoutSeconds * 1000);
        await em.execute('update user_account set failed_login_count = 0, locked_until = ?, updated_at = ? where id = ?', [lockedUntil, now, row.id]);
        await enqueueMail(
          em,
          {
            kind: 'ACCOUNT_LOCKED',
            to: row.email,
            userId: row.id,
            ...accountLockedMail(ctx.config, {
              name: row.name,
              authId: row.auth_id,
              lockedUntil,
              forgotUrl: `${ctx.config.publicUrl}/password/forgot`,
            }),
          },
          now,
        );
        await recordEvent(em, { ...event, userId: row.id, type: 'ACCOUNT_LOCKED', details: { lockedUntil: lockedUntil.toISOString() } }, now, ctx.log);
      } else {
        await em.execute(UPDATE_FAILURES, [failures, now, row.id]);
      }
      await recordEvent(em, { ...event, userId: row.id, type: 'LOGIN_FAILED', details: { reason: 'wrong-password', failures } }, now, ctx.log);
      return { kind: 'invalid-credentials' } as const;
    }

    // The right password: from here on the caller may learn the account's state.
    if (lockActive) {
      await recordEvent(em, { ...event, userId: row.id, type: 'LOGIN_REFUSED', details: { reason: 'locked' } }, now, ctx.log);
      return { kind: 'locked', lockedUntil: row.locked_until as Date } as const;
    }
    const unavailable = unavailableCode(row, now);
    if (unavailable) {
      await recordEvent(em, { ...event, userId: row.id, type: 'LOGIN_REFUSED', details: { reason: unavailable } }, now, ctx.log);
      return { kind: 'unavailable', code: unavailable } as const;
    }

    const expiresAt = passwordExpiresAt(ctx.config, row.password_changed_at);
    const restricted = expiresAt !== null && expiresAt <= now;
    await em.execute(
      `update user_account set failed_login_count = 0, locked_until = null, previous_login_at = last_login_at,
         last_login_at = ?, password_hash = coalesce(?, password_hash), updated_at = ? where id = ?`,
      [now, rehash, now, row.id],
    );
    const { token, session } = await startSession(em, ctx.config, row, { restricted, ip: ctx.ip, userAgent: ctx.userAgent, now });
    await recordEvent(em, { ...event, userId: row.id, type: restricted ? 'LOGIN_RESTRICTED' : 'LOGIN_SUCCEEDED' }, now, ctx.log);
    return { kind: restricted ? 'password-expired' : 'success', token, session, userId: row.id } as const;
  });
  return { outcome, pointGivenBack: false };
}
