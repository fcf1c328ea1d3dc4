import type { EntityManager } from '@mikro-orm/postgresql';
import { withDates } from '../../db/raw.js';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import type { UserStatus } from '../account/user.entity.js';
import { appendAuditEvent, type AuditEventInput } from '../audit/audit-trail.js';
import { auditBase, type StaffActor, type StaffServiceContext } from '../staff/staff-context.js';
import { checkAuthId, checkReason, checkReceptionNumber } from './applicant-admin.validate.js';

/** The account row an operation works on, locked (`select … for update`) for the rest of its transaction. */
export interface TargetAccount {
  id: string;
  auth_id: string;
  name: string;
  email: string;
  status: UserStatus;
  locked_until: Date | null;
  usage_expires_at: Date | null;
  has_password: boolean;
}

export const TARGET_COLUMNS = 'id, auth_id, name, email, status, locked_until, usage_expires_at, password_hash is not null as has_password';

export async function lockAccount(em: EntityManager, where: string, params: unknown[]): Promise<TargetAccount[]> {
  const rows = await em.execute<TargetAccount[]>(`select ${TARGET_COLUMNS} from user_account where ${where} for update`, params);
  return rows.map((r) => withDates(r, 'locked_until', 'usage_expires_at'));
}

/** What every action input carries (ApplicantActionInput and its relatives). */
export interface ActionBase {
  authId?: string | null;
  reason?: string | null;
  receptionNumber?: string | null;
}

export interface CheckedBase {
  authId: string;
  reason: string;
  receptionNumber: string | null;
}

/** The common checks: 認証ID, reason (required, ≤ 400), reception number (optional, ≤ 40); issues appended. */
export function checkBase(input: ActionBase, issues: StaffFieldIssue[]): CheckedBase | undefined {
  const authId = checkAuthId(input.authId, issues);
  const reason = checkReason(input.reason, issues);
  const receptionNumber = checkReceptionNumber(input.receptionNumber, issues);
  return authId && reason ? { authId, reason, receptionNumber } : undefined;
}

export type ChangeEvent = Pick<AuditEventInput, 'action' | 'details'>;

/**
 * The frame of the staff actions on one account: under the account's row lock, `change` makes the change (and queues
 * its mail) and returns the event — or 'invalid-state'; the audit event, with the reason and reception number, is
 * appended last in the same transaction. An unknown 認証ID is 'not-found'.
 */
export async function onAccount<T>(
  ctx: StaffServiceContext,
  actor: StaffActor,
  base: CheckedBase,
  change: (em: EntityManager, account: TargetAccount, now: Date) => Promise<ChangeEvent | 'invalid-state'>,
  answer: (em: EntityManager, account: TargetAccount, now: Date) => Promise<T>,
): Promise<{ kind: 'done'; value: T } | { kind: 'not-found' } | { kind: 'invalid-state' }> {
  return ctx.em.transactional(async (em: EntityManager) => {
    const now = ctx.clock.now();
    const [account] = await lockAccount(em, 'auth_id = ?', [base.authId]);
    if (!account) return { kind: 'not-found' } as const;
    const event = await change(em, account, now);
    if (event === 'invalid-state') return { kind: 'invalid-state' } as const;
    const value = await answer(em, account, now);
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), ...event, target: account.auth_id, reason: base.reason, receptionNumber: base.receptionNumber },
      now,
      ctx.log,
    );
    return { kind: 'done', value } as const;
  });
}
