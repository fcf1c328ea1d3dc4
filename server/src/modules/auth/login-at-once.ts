import { queryPrepared } from '../../db/prepared.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { ServiceContext } from '../../graphql/context.js';
import { logEvent } from '../audit/audit.js';
import { absoluteEnd, idleCutoff, sessionDeadline, type LiveSession } from './session.service.js';
import { passwordExpiryCutoff } from '../password/password-expiry.js';
import { givePointBackSql, type PointParams } from '../rate-limit/rate-limits.js';

/**
 * $1 user id, $2 the verified password hash, $3 now, $4 the password-expiry cutoff (null: passwords do not expire),
 * $5 the idle cutoff, $6 the new token's hash, $7 the absolute end, $8 ip, $9 user agent; $10 the key and $11 now (ms)
 * of the failed-login point the attempt took, which a success gives back.
 *
 * The whole of a plain successful login as one statement (one implicit transaction): the account row is updated only
 * if, at that instant, its password is still the verified one, it is ACTIVE, not locked, not past its usage period and
 * its password has not expired — exactly the cases the full path in login.service.ts would answer with a normal
 * session. Older sessions end (SUPERSEDED or TIMEOUT as in startSession) before the new one is inserted: `started`
 * reads `ended`, which makes PostgreSQL finish those updates first.
 */
const LOGIN_AT_ONCE = `with u as (
    update user_account set failed_login_count = 0, locked_until = null, previous_login_at = last_login_at,
      last_login_at = $3, updated_at = $3
    where id = $1 and password_hash = $2 and status = 'ACTIVE'
      and (locked_until is null or locked_until <= $3)
      and (usage_expires_at is null or usage_expires_at > $3)
      and ($4::timestamptz is null or password_changed_at is null or password_changed_at > $4)
    returning id
  ), ended as (
    update session set revoked_at = $3,
      revoked_reason = case when last_seen_at > $5 and expires_at > $3 then 'SUPERSEDED' else 'TIMEOUT' end
    where user_id = (select id from u) and revoked_at is null
    returning id
  ), started as (
    insert into session (user_id, token_hash, created_at, last_seen_at, expires_at, restricted, ip, user_agent)
    select u.id, $6, $3, $3, $7, false, $8, $9 from u where (select count(*) from ended) >= 0
    returning id
  ), event as (
    insert into auth_event (user_id, type, ip, user_agent, at) select u.id, 'LOGIN_SUCCEEDED', $8, $9, $3 from u
  ), point as (
    ${givePointBackSql('$10', '$11')} and exists (select 1 from u)
  )
  select id from started`;

const UNIQUE_VIOLATION = '23505';

/**
 * The common case of a login — right password, account in good standing — in one round trip instead of the full
 * path's seven, the rate-limit point's give-back included (a login's database work competes with argon2 for the same
 * cores; bench/api.ts). Returns null when the account is not in that state, or when another login of the same
 * account committed its session meanwhile (the one-live-session index refuses ours and nothing of this statement
 * remains): the caller then takes the full path, which decides every case under the row lock.
 */
export async function loginAtOnce(
  ctx: ServiceContext,
  user: { id: string; passwordHash: string },
  point: PointParams,
): Promise<{ token: string; session: LiveSession } | null> {
  const now = ctx.clock.now();
  const { config } = ctx;
  const absolute = absoluteEnd(config, now);
  const token = newToken();
  const userAgent = ctx.userAgent?.slice(0, 512) ?? null;
  let rows: { id: string }[];
  try {
    rows = await queryPrepared<{ id: string }>(ctx.shared, 'login_at_once', LOGIN_AT_ONCE, [
      user.id, user.passwordHash, now, passwordExpiryCutoff(config, now), idleCutoff(config, now), hashToken(token), absolute, ctx.ip, userAgent, point.key, point.now,
    ]);
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw err;
  }
  if (!rows[0]) return null;
  logEvent(ctx.log, { type: 'LOGIN_SUCCEEDED', userId: user.id, ip: ctx.ip });
  return {
    token,
    session: { id: rows[0].id, userId: user.id, restricted: false, createdAt: now, expiresAt: sessionDeadline(config, now, absolute) },
  };
}
