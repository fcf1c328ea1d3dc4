import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { hashToken, isStaffToken, newToken } from '../../lib/tokens.js';
import { withDates } from '../../db/raw.js';
import { queryPrepared } from '../../db/prepared.js';
import { USER_VIEW_JSON, userViewFromRow, type UserView } from '../account/user-view.js';
import type { RevokeReason } from './session.entity.js';

export type SessionProblem = 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'WZBAM099E';

export interface LiveSession {
  id: string;
  userId: string;
  restricted: boolean;
  createdAt: Date;
  /** when the session ends if nothing happens: the idle deadline, capped by the absolute lifetime */
  expiresAt: Date;
}

export type AuthState =
  | { kind: 'anonymous' }
  | { kind: 'problem'; problem: SessionProblem }
  | { kind: 'session'; session: LiveSession; user: UserView };

/** Sessions last seen at or before this have timed out by `now` (the 30-minute idle limit). */
export function idleCutoff(config: Config, now: Date): Date {
  return new Date(now.getTime() - config.sessionIdleTimeoutSeconds * 1000);
}

/** The absolute end of a session started at `now` (12 hours), however active it stays. */
export function absoluteEnd(config: Config, now: Date): Date {
  return new Date(now.getTime() + config.sessionMaxAgeSeconds * 1000);
}

export function sessionDeadline(config: Config, lastSeenAt: Date, absoluteExpiresAt: Date): Date {
  const idle = lastSeenAt.getTime() + config.sessionIdleTimeoutSeconds * 1000;
  return new Date(Math.min(idle, absoluteExpiresAt.getTime()));
}

/**
 * Starts a session for a user whose row the caller has locked (`select … for update`) in the current transaction.
 * Every older live session of the user ends here, in the same transaction (security.md 13): a still-active one is
 * marked SUPERSEDED, so its next request answers WZBAM099E; an already idle one just TIMEOUT. The partial unique index
 * `session_one_live_per_user` makes a second live session impossible even if a caller forgot the lock.
 */
export async function startSession(
  em: EntityManager,
  config: Config,
  user: { id: string },
  opts: { restricted: boolean; ip: string | null; userAgent: string | null; now: Date },
): Promise<{ token: string; session: LiveSession }> {
  const { now } = opts;
  await em.execute(
    `update session set revoked_at = ?,
       revoked_reason = case when last_seen_at > ? and expires_at > ? then 'SUPERSEDED' else 'TIMEOUT' end
     where user_id = ? and revoked_at is null`,
    [now, idleCutoff(config, now), now, user.id],
  );
  const token = newToken();
  const absolute = absoluteEnd(config, now);
  const rows = await em.execute<{ id: string }[]>(
    `insert into session (user_id, token_hash, created_at, last_seen_at, expires_at, restricted, ip, user_agent)
     values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [user.id, hashToken(token), now, now, absolute, opts.restricted, opts.ip, opts.userAgent?.slice(0, 512) ?? null],
  );
  return {
    token,
    session: {
      id: rows[0].id,
      userId: user.id,
      restricted: opts.restricted,
      createdAt: now,
      expiresAt: sessionDeadline(config, now, absolute),
    },
  };
}

interface SessionUserRow {
  s_id: string;
  s_user_id: string;
  s_created_at: Date;
  s_expires_at: Date;
  s_restricted: boolean;
  /** the user's columns (USER_VIEW_JSON) */
  u: Record<string, unknown>;
}

/**
 * The common case, one statement: the live session of an active account, its idle deadline slid, with its user.
 * $1 the token's hash, $2 now, $3 the idle cutoff. No row: the token names no live session (SESSION_PROBLEM says why).
 */
const LIVE_SESSION = `update session set last_seen_at = $2
     from user_account u
     where session.token_hash = $1 and session.revoked_at is null and session.last_seen_at > $3 and session.expires_at > $2
       and u.id = session.user_id and u.status = 'ACTIVE'
     returning session.id as s_id, session.user_id as s_user_id, session.created_at as s_created_at,
       session.expires_at as s_expires_at, session.restricted as s_restricted, ${USER_VIEW_JSON} as u`;

/** Why a token names no live session (only asked after LIVE_SESSION found none): $1 the token's hash. */
const SESSION_PROBLEM = `select last_seen_at as s_last_seen_at, expires_at as s_expires_at, revoked_at as s_revoked_at,
       revoked_reason as s_revoked_reason
     from session where token_hash = $1`;

interface ProblemRow {
  s_last_seen_at: Date;
  s_expires_at: Date;
  s_revoked_at: Date | null;
  s_revoked_reason: RevokeReason | null;
}

/**
 * Looks up the session a token names and, when it is alive, slides its idle deadline — one round trip in the common
 * case, since every authenticated request pays for it (a second, read-only one only to tell why a token is refused).
 * The idle (30 min) and absolute (12 h) limits are decided here on the server (security.md 12); a client countdown
 * is only a convenience.
 */
export async function resolveSession(em: EntityManager, config: Config, token: string, now: Date): Promise<AuthState> {
  // a staff token is refused here at once (staff.md: each surface refuses the other's tokens)
  if (!token || token.length > 200 || isStaffToken(token)) return { kind: 'problem', problem: 'UNAUTHENTICATED' };
  const cutoff = idleCutoff(config, now);
  const hash = hashToken(token);
  const raw = (await queryPrepared<SessionUserRow>(em, 'live_session', LIVE_SESSION, [hash, now, cutoff]))[0];
  if (!raw) {
    const found = (await queryPrepared<ProblemRow>(em, 'session_problem', SESSION_PROBLEM, [hash]))[0];
    if (!found) return { kind: 'problem', problem: 'UNAUTHENTICATED' };
    return { kind: 'problem', problem: problemOf(withDates(found, 's_last_seen_at', 's_expires_at', 's_revoked_at'), cutoff, now) };
  }
  const row = withDates(raw, 's_created_at', 's_expires_at');
  return {
    kind: 'session',
    user: userViewFromRow(raw.u),
    session: {
      id: row.s_id,
      userId: row.s_user_id,
      restricted: row.s_restricted,
      createdAt: row.s_created_at,
      expiresAt: sessionDeadline(config, now, row.s_expires_at),
    },
  };
}

function problemOf(row: ProblemRow, cutoff: Date, now: Date): SessionProblem {
  const timedOut = row.s_last_seen_at <= cutoff || row.s_expires_at <= now;
  if (row.s_revoked_at === null) return timedOut ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED'; // alive but account not ACTIVE
  if (row.s_revoked_reason === 'TIMEOUT') return 'SESSION_EXPIRED';
  // Superseded while the user was away longer than the idle limit: the timeout is the truer answer.
  if (row.s_revoked_reason === 'SUPERSEDED') return timedOut ? 'SESSION_EXPIRED' : 'WZBAM099E';
  return 'UNAUTHENTICATED';
}

export async function revokeSession(em: EntityManager, sessionId: string, reason: RevokeReason, now: Date): Promise<void> {
  await em.execute('update session set revoked_at = ?, revoked_reason = ? where id = ? and revoked_at is null', [now, reason, sessionId]);
}

export async function revokeAllSessions(em: EntityManager, userId: string, reason: RevokeReason, now: Date): Promise<void> {
  await em.execute('update session set revoked_at = ?, revoked_reason = ? where user_id = ? and revoked_at is null', [now, reason, userId]);
}
