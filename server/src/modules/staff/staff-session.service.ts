import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { queryPrepared } from '../../db/prepared.js';
import { withDates } from '../../db/raw.js';
import { STAFF_TOKEN_PREFIX, hashToken, isStaffToken, newToken } from '../../lib/tokens.js';
import type { StaffRevokeReason } from './staff.entities.js';
import type { Bureau, StaffRole, StaffStatus } from './staff-roles.js';

export type StaffSessionProblem = 'UNAUTHENTICATED' | 'SESSION_EXPIRED';

/** What the rules and resolvers know of the staff member behind a session. */
export interface StaffView {
  id: string;
  loginId: string;
  name: string;
  bureau: Bureau;
  roles: StaffRole[];
  status: StaffStatus;
}

export interface LiveStaffSession {
  id: string;
  staffId: string;
  createdAt: Date;
  /** the idle deadline, capped by the absolute end */
  expiresAt: Date;
}

export type StaffAuthState =
  | { kind: 'anonymous' }
  | { kind: 'problem'; problem: StaffSessionProblem }
  | { kind: 'session'; session: LiveStaffSession; staff: StaffView };

export function staffIdleCutoff(config: Config, now: Date): Date {
  return new Date(now.getTime() - config.staffIdleTimeoutSeconds * 1000);
}

export function staffSessionDeadline(config: Config, lastSeenAt: Date, absoluteEnd: Date): Date {
  return new Date(Math.min(lastSeenAt.getTime() + config.staffIdleTimeoutSeconds * 1000, absoluteEnd.getTime()));
}

/**
 * Starts the one live session of a staff member whose row the caller has locked in the current transaction; older
 * live sessions end (SUPERSEDED, or TIMEOUT when already idle), and the partial unique index `staff_session_one_live`
 * refuses a second live one even without the lock.
 */
export async function startStaffSession(
  em: EntityManager,
  config: Config,
  staffId: string,
  opts: { ip: string | null; userAgent: string | null; now: Date },
): Promise<{ token: string; session: LiveStaffSession }> {
  const { now } = opts;
  await em.execute(
    `update staff_session set revoked_at = ?,
       revoked_reason = case when last_seen_at > ? and expires_at > ? then 'SUPERSEDED' else 'TIMEOUT' end
     where staff_id = ? and revoked_at is null`,
    [now, staffIdleCutoff(config, now), now, staffId],
  );
  const token = `${STAFF_TOKEN_PREFIX}${newToken()}`;
  const absolute = new Date(now.getTime() + config.staffSessionMaxAgeSeconds * 1000);
  const [row] = await em.execute<{ id: string }[]>(
    `insert into staff_session (staff_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent)
     values (?, ?, ?, ?, ?, ?, ?) returning id`,
    [staffId, hashToken(token), now, now, absolute, opts.ip, opts.userAgent?.slice(0, 512) ?? null],
  );
  return { token, session: { id: row.id, staffId, createdAt: now, expiresAt: staffSessionDeadline(config, now, absolute) } };
}

interface StaffSessionRow {
  s_id: string;
  s_created_at: Date;
  s_last_seen_at: Date;
  s_expires_at: Date;
  s_revoked_at: Date | null;
  s_revoked_reason: StaffRevokeReason | null;
  s_touched: boolean;
  id: string;
  login_id: string;
  name: string;
  bureau: Bureau;
  roles: StaffRole[] | string;
  status: StaffStatus;
}

/** $1 the token's hash, $2 now, $3 the idle cutoff. Finds the session and, when it is alive, slides its idle deadline. */
const STAFF_SESSION_LOOKUP = `with found as (
       select * from staff_session where token_hash = $1
     ), touched as (
       update staff_session set last_seen_at = $2
       from found join staff_member fm on fm.id = found.staff_id
       where staff_session.id = found.id and found.revoked_at is null and found.last_seen_at > $3 and found.expires_at > $2
         and fm.status = 'ACTIVE'
       returning staff_session.id
     )
     select found.id as s_id, found.created_at as s_created_at, found.last_seen_at as s_last_seen_at,
            found.expires_at as s_expires_at, found.revoked_at as s_revoked_at, found.revoked_reason as s_revoked_reason,
            exists (select 1 from touched) as s_touched, m.id, m.login_id, m.name, m.bureau, m.roles, m.status
     from found join staff_member m on m.id = found.staff_id`;

/** pg gives varchar[] as an array; a driver without the array parser would give `{A,B}`. */
function rolesOf(value: StaffRole[] | string): StaffRole[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean) as StaffRole[];
}

/**
 * The staff session a bearer token names, resolved once per request (the staff context caches it). The roles are
 * read here, with the session, so a role change or a disabling counts from the member's next request on.
 */
export async function resolveStaffSession(em: EntityManager, config: Config, token: string, now: Date): Promise<StaffAuthState> {
  if (!isStaffToken(token) || token.length > 200) return { kind: 'problem', problem: 'UNAUTHENTICATED' };
  const cutoff = staffIdleCutoff(config, now);
  const [raw] = await queryPrepared<StaffSessionRow>(em, 'resolve_staff_session', STAFF_SESSION_LOOKUP, [hashToken(token), now, cutoff]);
  if (!raw) return { kind: 'problem', problem: 'UNAUTHENTICATED' };
  const row = withDates(raw, 's_created_at', 's_last_seen_at', 's_expires_at', 's_revoked_at');
  if (!row.s_touched) {
    const timedOut = row.s_last_seen_at <= cutoff || row.s_expires_at <= now;
    const expired = row.s_revoked_reason === 'TIMEOUT' || (row.s_revoked_at === null && timedOut);
    return { kind: 'problem', problem: expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED' };
  }
  return {
    kind: 'session',
    session: { id: row.s_id, staffId: row.id, createdAt: row.s_created_at, expiresAt: staffSessionDeadline(config, now, row.s_expires_at) },
    staff: { id: row.id, loginId: row.login_id, name: row.name, bureau: row.bureau, roles: rolesOf(row.roles), status: row.status },
  };
}

export async function revokeStaffSessions(em: EntityManager, staffId: string, reason: StaffRevokeReason, now: Date): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    'update staff_session set revoked_at = ?, revoked_reason = ? where staff_id = ? and revoked_at is null returning id',
    [now, reason, staffId],
  );
  return rows.length;
}
