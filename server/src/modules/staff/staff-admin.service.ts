import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { hasControlChars } from '../../lib/normalize.js';
import { pgArray } from '../../db/raw.js';
import { appendAuditEvent, type AuditEventInput } from '../audit/audit-trail.js';
import { checkEmail } from '../registration/registration.validate.js';
import { auditBase, type StaffActor, type StaffServiceContext } from './staff-context.js';
import { issueEnrolmentLink, mailEnrolmentLink } from './staff-enrolment.service.js';
import { findStaffMemberView, type StaffMemberView } from './staff-member-view.js';
import { isBureau, isStaffRole, type Bureau, type StaffRole } from './staff-roles.js';
import { revokeStaffSessions } from './staff-session.service.js';

export type StaffAdminOutcome =
  | { kind: 'saved'; staff: StaffMemberView }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'not-found' }
  | { kind: 'self' }
  | { kind: 'invalid-state' };

export interface StaffMemberValues {
  loginId?: string | null;
  name?: string | null;
  bureau?: string | null;
  roles?: readonly string[] | null;
}

const NAME_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

function checkRoles(value: readonly string[] | null | undefined, issues: StaffFieldIssue[]): StaffRole[] | undefined {
  if (!value?.length) return void issues.push({ field: 'roles', code: 'WZBAM001E' });
  const roles = [...new Set(value.map((r) => String(r).trim().toUpperCase()))];
  if (roles.length > 5 || !roles.every(isStaffRole)) return void issues.push({ field: 'roles', code: 'WZBAM005E', item: 'roles' });
  return roles as StaffRole[];
}

/** createStaffMember's checks (also the bootstrap CLI's), every issue at once. */
export function validateStaffMember(input: StaffMemberValues): { ok: true; value: { loginId: string; name: string; bureau: Bureau; roles: StaffRole[] } } | { ok: false; issues: StaffFieldIssue[] } {
  const issues: StaffFieldIssue[] = [];
  // the registration's e-mail check (its codes, WZBAM001E and WZBAM005E, are in the staff catalog too)
  const loginId = checkEmail(input.loginId, issues as never, 'loginId', 'loginId');
  const name = typeof input.name === 'string' ? input.name.normalize('NFKC').trim().replace(/\s+/g, ' ') : '';
  if (!name) issues.push({ field: 'name', code: 'WZBAM001E' });
  else if ([...name].length > NAME_LIMIT || hasControlChars(name)) issues.push({ field: 'name', code: 'WZBAM005E', item: 'staffName' });
  const bureau = typeof input.bureau === 'string' ? input.bureau.trim().toUpperCase() : '';
  if (!bureau) issues.push({ field: 'bureau', code: 'WZBAM001E' });
  else if (!isBureau(bureau)) issues.push({ field: 'bureau', code: 'WZBAM005E', item: 'bureau' });
  const roles = checkRoles(input.roles, issues);
  // stored in lower case: the login ID is compared case-insensitively anyway, and one spelling reads better in the trail
  return issues.length ? { ok: false, issues } : { ok: true, value: { loginId: loginId!.toLowerCase(), name, bureau: bureau as Bureau, roles: roles! } };
}

/**
 * Inserts a staff member (no password, no second factor yet) on `em`'s transaction; null when the login ID is taken
 * (the case-insensitive unique index decides, also between parallel calls).
 */
export async function insertStaffMember(
  em: EntityManager,
  value: { loginId: string; name: string; bureau: Bureau; roles: StaffRole[] },
  createdBy: string | null,
  now: Date,
): Promise<string | null> {
  try {
    // a savepoint, so a taken login ID leaves the surrounding transaction usable
    return await em.transactional(async (inner) => {
      const [row] = await inner.execute<{ id: string }[]>(
        `insert into staff_member (login_id, name, bureau, roles, created_by, created_at, updated_at) values (?, ?, ?, ?::varchar[], ?, ?, ?) returning id`,
        [value.loginId, value.name, value.bureau, pgArray(value.roles), createdBy, now, now],
      );
      return row.id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw err;
  }
}

/** createStaffMember (STAFF_ADMIN): the member, their enrolment link by mail (ja then en, through the outbox), the event. */
export async function createStaffMember(ctx: StaffServiceContext, actor: StaffActor, input: StaffMemberValues): Promise<StaffAdminOutcome> {
  const checked = validateStaffMember(input);
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  const value = checked.value;
  return ctx.em.transactional(async (em): Promise<StaffAdminOutcome> => {
    const now = ctx.clock.now();
    const id = await insertStaffMember(em, value, actor.id, now);
    if (!id) return { kind: 'invalid-input', issues: [{ field: 'loginId', code: 'STAFF_LOGIN_ID_TAKEN', item: 'loginId' }] };
    await mailEnrolmentLink(em, ctx.config, { id, loginId: value.loginId, name: value.name }, { createdBy: actor.id, now, reset: false });
    await appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'STAFF_MEMBER_CREATED', target: id, details: { after: value } }, now, ctx.log);
    return { kind: 'saved', staff: (await findStaffMemberView(em, id))! };
  });
}

interface TargetRow {
  id: string;
  login_id: string;
  name: string;
  bureau: Bureau;
  roles: StaffRole[];
  status: string;
}

/**
 * The frame of every operation on another staff member: the id must name one (else not-found), it must not be the
 * actor (no one grants roles to themselves, disables themselves or resets their own second factor), and `change`
 * runs under the target's row lock and returns the event — or 'invalid-state'. The event is appended in the same
 * transaction.
 */
async function onOtherMember(
  ctx: StaffServiceContext,
  actor: StaffActor,
  id: string | null | undefined,
  change: (em: EntityManager, target: TargetRow, now: Date) => Promise<Omit<AuditEventInput, 'staffId' | 'bureau' | 'ip' | 'requestId'> | 'invalid-state'>,
): Promise<StaffAdminOutcome> {
  if (!id || !UUID.test(id)) return { kind: 'not-found' };
  if (id.toLowerCase() === actor.id.toLowerCase()) return { kind: 'self' };
  return ctx.em.transactional(async (em): Promise<StaffAdminOutcome> => {
    const now = ctx.clock.now();
    const [target] = await em.execute<TargetRow[]>('select id, login_id, name, bureau, roles, status from staff_member where id = ? for update', [id]);
    if (!target) return { kind: 'not-found' };
    const event = await change(em, target, now);
    if (event === 'invalid-state') return { kind: 'invalid-state' };
    await appendAuditEvent(em, { ...auditBase(ctx, actor), ...event, target: target.id }, now, ctx.log);
    return { kind: 'saved', staff: (await findStaffMemberView(em, target.id))! };
  });
}

/** setStaffRoles (STAFF_ADMIN, not for oneself). Takes effect at the member's next request (roles are read per request). */
export async function setStaffRoles(ctx: StaffServiceContext, actor: StaffActor, input: { id?: string | null; roles?: readonly string[] | null }): Promise<StaffAdminOutcome> {
  const issues: StaffFieldIssue[] = [];
  const roles = checkRoles(input.roles, issues);
  if (!roles) return { kind: 'invalid-input', issues };
  return onOtherMember(ctx, actor, input.id, async (em, target, now) => {
    await em.execute('update staff_member set roles = ?::varchar[], updated_at = ? where id = ?', [pgArray(roles), now, target.id]);
    return { action: 'STAFF_ROLES_SET', details: { before: { roles: target.roles }, after: { roles } } };
  });
}

/** disableStaffMember (STAFF_ADMIN, not oneself): DISABLED, every session ends, open links and login steps void. */
export async function disableStaffMember(ctx: StaffServiceContext, actor: StaffActor, id: string | null | undefined): Promise<StaffAdminOutcome> {
  return onOtherMember(ctx, actor, id, async (em, target, now) => {
    if (target.status !== 'ACTIVE') return 'invalid-state';
    await em.execute("update staff_member set status = 'DISABLED', updated_at = ? where id = ?", [now, target.id]);
    const sessionsEnded = await revokeStaffSessions(em, target.id, 'DISABLED', now);
    await em.execute('update staff_enrolment_link set voided_at = ? where staff_id = ? and used_at is null and voided_at is null', [now, target.id]);
    await em.execute('update staff_login_challenge set used_at = ? where staff_id = ? and used_at is null', [now, target.id]);
    return { action: 'STAFF_MEMBER_DISABLED', details: { before: { status: 'ACTIVE' }, after: { status: 'DISABLED' }, sessionsEnded } };
  });
}

/**
 * resetStaffSecondFactor (STAFF_ADMIN, not for oneself): the TOTP secret and the passkeys go, and the password with
 * them — the new enrolment link (mailed, ja then en) sets both again, as the first enrolment did; until then the
 * member cannot log in. Every session ends.
 */
export async function resetStaffSecondFactor(ctx: StaffServiceContext, actor: StaffActor, id: string | null | undefined): Promise<StaffAdminOutcome> {
  return onOtherMember(ctx, actor, id, async (em, target, now) => {
    if (target.status !== 'ACTIVE') return 'invalid-state';
    const passkeys = await em.execute<{ id: string }[]>('delete from staff_passkey where staff_id = ? returning id', [target.id]);
    await em.execute(
      `update staff_member set password_hash = null, totp_secret = null, totp_last_step = null, enrolled_at = null,
         failed_password_count = 0, failed_second_factor_count = 0, locked_until = null, updated_at = ? where id = ?`,
      [now, target.id],
    );
    const sessionsEnded = await revokeStaffSessions(em, target.id, 'SECOND_FACTOR_RESET', now);
    await em.execute('update staff_login_challenge set used_at = ? where staff_id = ? and used_at is null', [now, target.id]);
    await mailEnrolmentLink(em, ctx.config, { id: target.id, loginId: target.login_id, name: target.name }, { createdBy: actor.id, now, reset: true });
    return { action: 'STAFF_SECOND_FACTOR_RESET', details: { passkeysRemoved: passkeys.length, sessionsEnded } };
  });
}

/** The first STAFF_ADMIN (npm run staff -- create-admin): refused while an ACTIVE admin exists, unless forced. */
export type BootstrapOutcome =
  | { kind: 'created'; id: string; enrolmentUrl: string; expiresAt: Date }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'admin-exists' }
  | { kind: 'login-id-taken' };

export async function bootstrapAdmin(
  em: EntityManager,
  config: Config,
  input: StaffMemberValues & { force: boolean },
  now: Date,
): Promise<BootstrapOutcome> {
  const roles = [...new Set(['STAFF_ADMIN', ...(input.roles ?? [])])];
  const checked = validateStaffMember({ ...input, roles });
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  return em.transactional(async (tx): Promise<BootstrapOutcome> => {
    // two bootstraps at once must not both see "no admin yet"
    await tx.execute("select pg_advisory_xact_lock(hashtext('ras_portal.staff_bootstrap'))");
    const [existing] = await tx.execute<{ n: string | number }[]>(
      "select count(*) as n from staff_member where status = 'ACTIVE' and 'STAFF_ADMIN' = any(roles)",
    );
    if (Number(existing.n) > 0 && !input.force) return { kind: 'admin-exists' };
    const id = await insertStaffMember(tx, checked.value, null, now);
    if (!id) return { kind: 'login-id-taken' };
    const link = await issueEnrolmentLink(tx, config, { staffId: id, createdBy: null, now });
    await appendAuditEvent(
      tx,
      { action: 'STAFF_ADMIN_BOOTSTRAPPED', target: id, details: { after: checked.value, force: input.force, activeAdminsBefore: Number(existing.n) } },
      now,
    );
    return { kind: 'created', id, enrolmentUrl: link.url, expiresAt: link.expiresAt };
  });
}
