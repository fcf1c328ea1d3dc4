import type { EntityManager } from '@mikro-orm/postgresql';
import { toDate } from '../../db/raw.js';
import type { FieldIssue } from '../../errors/field-issue.js';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { afterEmailChange } from '../account/update-user.service.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { revokeAllSessions } from '../auth/session.service.js';
import { enqueueMail } from '../mail/outbox.js';
import { checkEmail, sameEmail } from '../registration/registration.validate.js';
import { auditBase, type StaffActor, type StaffServiceContext } from '../staff/staff-context.js';
import { asStaff, checkReason, maskEmail } from './applicant-admin.validate.js';
import { accountDeletedMail } from './applicant-mails.js';
import { APPROVAL_LIFETIME_DAYS, type ApprovalKind, type ApprovalState } from './approval-kinds.js';
import { checkBase, lockAccount, type ActionBase, type TargetAccount } from './applicant-target.js';

/**
 * Dual control (docs/spec/staff.md "Approvals"): 抹消 and an e-mail correction are requested by one staff member and
 * carried out only when a different SUPERVISOR approves, in the approval's transaction. A request lives 7 days: past
 * `expires_at` it reads as EXPIRED at once, and the housekeeping job marks it so (applicant-housekeeping.ts).
 */


export interface StaffRef {
  id: string;
  name: string;
  bureau: string;
}

export interface ApprovalRequestView {
  id: string;
  kind: ApprovalKind;
  state: ApprovalState;
  authId: string;
  newEmail: string | null;
  reason: string;
  receptionNumber: string | null;
  requestedBy: StaffRef;
  requestedAt: Date;
  expiresAt: Date;
  decidedBy: StaffRef | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

const VIEW_SQL = `select r.id, r.kind, r.state, r.auth_id, r.new_email, r.reason, r.reception_number, r.requested_at, r.expires_at,
    r.decided_at, r.decision_reason, rs.id as rs_id, rs.name as rs_name, rs.bureau as rs_bureau,
    ds.id as ds_id, ds.name as ds_name, ds.bureau as ds_bureau
  from approval_request r join staff_member rs on rs.id = r.requested_by left join staff_member ds on ds.id = r.decided_by`;

function viewFromRow(row: Record<string, unknown>, now: Date): ApprovalRequestView {
  const expiresAt = toDate(row.expires_at)!;
  const stored = row.state as ApprovalState;
  return {
    id: row.id as string,
    kind: row.kind as ApprovalKind,
    // a pending request past its 7 days is expired whether or not the job has marked it yet
    state: stored === 'PENDING' && expiresAt <= now ? 'EXPIRED' : stored,
    authId: row.auth_id as string,
    newEmail: (row.new_email as string | null) ?? null,
    reason: row.reason as string,
    receptionNumber: (row.reception_number as string | null) ?? null,
    requestedBy: { id: row.rs_id as string, name: row.rs_name as string, bureau: row.rs_bureau as string },
    requestedAt: toDate(row.requested_at)!,
    expiresAt,
    decidedBy: row.ds_id ? { id: row.ds_id as string, name: row.ds_name as string, bureau: row.ds_bureau as string } : null,
    decidedAt: toDate(row.decided_at),
    decisionReason: (row.decision_reason as string | null) ?? null,
  };
}

async function findView(em: EntityManager, id: string, now: Date): Promise<ApprovalRequestView> {
  const [row] = await em.execute<Record<string, unknown>[]>(`${VIEW_SQL} where r.id = ?`, [id]);
  return viewFromRow(row, now);
}

/** approvalRequests(state) (SUPERVISOR): newest first, at most 200; the state as read now (EXPIRED derived). */
export async function listApprovalRequests(em: EntityManager, state: ApprovalState | null | undefined, now: Date): Promise<ApprovalRequestView[]> {
  const where =
    state === 'PENDING' ? "where r.state = 'PENDING' and r.expires_at > ?"
    : state === 'EXPIRED' ? "where r.state = 'EXPIRED' or (r.state = 'PENDING' and r.expires_at <= ?)"
    : state ? 'where r.state = ?' : '';
  const params = state === 'PENDING' || state === 'EXPIRED' ? [now] : state ? [state] : [];
  const rows = await em.execute<Record<string, unknown>[]>(`${VIEW_SQL} ${where} order by r.requested_at desc, r.id limit 200`, params);
  return rows.map((r) => viewFromRow(r, now));
}

/** Marks the account's pending requests that are past their 7 days EXPIRED (under the account's lock). */
async function expireStale(em: EntityManager, userId: string, now: Date): Promise<void> {
  await em.execute("update approval_request set state = 'EXPIRED' where user_id = ? and state = 'PENDING' and expires_at <= ?", [userId, now]);
}

export type ApprovalRequestOutcome =
  | { kind: 'requested'; request: ApprovalRequestView }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'not-found' }
  | { kind: 'invalid-state' };

async function createRequest(
  ctx: StaffServiceContext,
  actor: StaffActor,
  input: ActionBase,
  kind: ApprovalKind,
  extra: { issues: StaffFieldIssue[]; newEmail?: string },
): Promise<ApprovalRequestOutcome> {
  const issues: StaffFieldIssue[] = [];
  const base = checkBase(input, issues);
  issues.push(...extra.issues);
  if (!base || issues.length) return { kind: 'invalid-input', issues };
  return ctx.em.transactional(async (em: EntityManager): Promise<ApprovalRequestOutcome> => {
    const now = ctx.clock.now();
    const [account] = await lockAccount(em, 'auth_id = ?', [base.authId]);
    if (!account) return { kind: 'not-found' };
    if (account.status === 'DELETED') return { kind: 'invalid-state' };
    if (extra.newEmail !== undefined && sameEmail(extra.newEmail, account.email)) return { kind: 'invalid-state' };
    await expireStale(em, account.id, now);
    const [pending] = await em.execute<{ id: string }[]>("select id from approval_request where user_id = ? and kind = ? and state = 'PENDING'", [account.id, kind]);
    if (pending) return { kind: 'invalid-state' }; // one open request of a kind per account (also a unique index)
    const expiresAt = new Date(now.getTime() + APPROVAL_LIFETIME_DAYS * 86_400_000);
    const [row] = await em.execute<{ id: string }[]>(
      `insert into approval_request (kind, user_id, auth_id, new_email, reason, reception_number, requested_by, requested_at, expires_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [kind, account.id, account.auth_id, extra.newEmail ?? null, base.reason, base.receptionNumber, actor.id, now, expiresAt],
    );
    const request = await findView(em, row.id, now);
    await appendAuditEvent(
      em,
      {
        ...auditBase(ctx, actor),
        action: kind === 'DELETION' ? 'APPLICANT_DELETION_REQUESTED' : 'APPLICANT_EMAIL_CORRECTION_REQUESTED',
        target: account.auth_id,
        reason: base.reason,
        receptionNumber: base.receptionNumber,
        details: { requestId: row.id, expiresAt: expiresAt.toISOString(), ...(extra.newEmail ? { newEmail: maskEmail(extra.newEmail) } : {}) },
      },
      now,
      ctx.log,
    );
    return { kind: 'requested', request };
  });
}

/** requestApplicantDeletion (COUNTER_CLERK, SUPERVISOR): a PENDING 抹消 request; INVALID_STATE when deleted or one is open. */
export function requestApplicantDeletion(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase): Promise<ApprovalRequestOutcome> {
  return createRequest(ctx, actor, input, 'DELETION', { issues: [] });
}

/** requestEmailCorrection (COUNTER_CLERK, SUPERVISOR): the new address checked as registration checks one. */
export function requestEmailCorrection(ctx: StaffServiceContext, actor: StaffActor, input: ActionBase & { newEmail?: string | null }): Promise<ApprovalRequestOutcome> {
  const local: FieldIssue[] = [];
  const newEmail = checkEmail(input.newEmail, local, 'newEmail', 'newEmail');
  return createRequest(ctx, actor, input, 'EMAIL_CORRECTION', { issues: asStaff(local), newEmail });
}

export type ApprovalDecisionOutcome =
  | { kind: 'decided'; request: ApprovalRequestView }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'not-found' }
  | { kind: 'self' }
  | { kind: 'invalid-state' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RequestRow {
  id: string;
  kind: ApprovalKind;
  state: ApprovalState;
  user_id: string;
  auth_id: string;
  new_email: string | null;
  reception_number: string | null;
  requested_by: string;
  expires_at: Date;
}

/**
 * decideApprovalRequest (SUPERVISOR, not the requester). Locks the account, then the request (the order every change
 * of an account takes); an approval carries the change out in the same transaction, with its mails and one audit
 * event. A decided or expired request is INVALID_STATE.
 */
export async function decideApprovalRequest(
  ctx: StaffServiceContext,
  actor: StaffActor,
  input: { requestId?: string | null; approve?: boolean | null; reason?: string | null },
): Promise<ApprovalDecisionOutcome> {
  const issues: StaffFieldIssue[] = [];
  if (typeof input.approve !== 'boolean') issues.push({ field: 'approve', code: 'WZBAM001E' });
  const reason = checkReason(input.reason, issues, 'reason', 'decisionReason');
  if (issues.length) return { kind: 'invalid-input', issues };
  const id = typeof input.requestId === 'string' ? input.requestId.trim() : '';
  if (!UUID.test(id)) return { kind: 'not-found' };

  return ctx.em.transactional(async (em: EntityManager): Promise<ApprovalDecisionOutcome> => {
    const now = ctx.clock.now();
    const [first] = await em.execute<{ user_id: string }[]>('select user_id from approval_request where id = ?', [id]);
    if (!first) return { kind: 'not-found' };
    const [account] = await lockAccount(em, 'id = ?', [first.user_id]);
    const [request] = (await em.execute<RequestRow[]>('select * from approval_request where id = ? for update', [id])).map((r) => ({ ...r, expires_at: toDate(r.expires_at)! }));
    if (request.requested_by === actor.id) return { kind: 'self' };
    if (request.state !== 'PENDING' || request.expires_at <= now) return { kind: 'invalid-state' };

    let details: Record<string, unknown> = { requestId: id, kind: request.kind, requestedBy: request.requested_by, approved: input.approve };
    if (input.approve) {
      const carried = await carryOut(em, ctx, request, account, now);
      if (carried === 'invalid-state') return { kind: 'invalid-state' };
      details = { ...details, ...carried };
    }
    await em.execute('update approval_request set state = ?, decided_by = ?, decided_at = ?, decision_reason = ? where id = ?', [
      input.approve ? 'APPROVED' : 'REJECTED', actor.id, now, reason, id,
    ]);
    const view = await findView(em, id, now);
    await appendAuditEvent(
      em,
      {
        ...auditBase(ctx, actor),
        action: input.approve ? 'APPROVAL_REQUEST_APPROVED' : 'APPROVAL_REQUEST_REJECTED',
        target: request.auth_id,
        reason,
        receptionNumber: request.reception_number,
        details,
      },
      now,
      ctx.log,
    );
    return { kind: 'decided', request: view };
  });
}

/** The approved change itself; its before/after go into the decision's audit event (addresses masked). */
async function carryOut(em: EntityManager, ctx: StaffServiceContext, request: RequestRow, account: TargetAccount, now: Date): Promise<Record<string, unknown> | 'invalid-state'> {
  if (account.status === 'DELETED') return 'invalid-state';
  if (request.kind === 'DELETION') {
    await em.execute("update user_account set status = 'DELETED', deleted_at = ?, locked_until = null, updated_at = ? where id = ?", [now, now, account.id]);
    await revokeAllSessions(em, account.id, 'STAFF', now);
    await em.execute('update email_link set voided_at = ? where user_id = ? and used_at is null and voided_at is null', [now, account.id]);
    // other open requests of the account have nothing left to act on
    await em.execute("update approval_request set state = 'EXPIRED' where user_id = ? and state = 'PENDING' and id <> ?", [account.id, request.id]);
    await enqueueMail(em, { kind: 'ACCOUNT_DELETED', to: account.email, userId: account.id, ...accountDeletedMail(ctx.config, { name: account.name, authId: account.auth_id, at: now }) }, now);
    return { before: { status: account.status }, after: { status: 'DELETED' } };
  }
  const newEmail = request.new_email!;
  await em.execute('update user_account set email = ?, updated_at = ? where id = ?', [newEmail, now, account.id]);
  await afterEmailChange(
    em,
    ctx,
    { userId: account.id, authId: account.auth_id, name: account.name, oldEmail: account.email, newEmail },
    { userId: account.id, ip: null, userAgent: null, details: { by: 'STAFF' } },
    now,
  );
  return { before: { email: maskEmail(account.email) }, after: { email: maskEmail(newEmail) } };
}
