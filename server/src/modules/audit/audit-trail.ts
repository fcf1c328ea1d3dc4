import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../lib/logger.js';
import { canonicalJson } from './canonical-json.js';

/**
 * What the staff back office records (staff.md "Audit trail"). The applicant operations, approvals and notices add
 * their actions here as they are built.
 */
export const AUDIT_ACTIONS = [
  'STAFF_ADMIN_BOOTSTRAPPED',
  'STAFF_LOGIN_PASSWORD_ACCEPTED',
  'STAFF_LOGIN_FAILED',
  'STAFF_LOGIN_REFUSED',
  'STAFF_LOCKED',
  'STAFF_SECOND_FACTOR_FAILED',
  'STAFF_LOGIN_SUCCEEDED',
  'STAFF_LOGOUT',
  'STAFF_ENROLLED',
  'STAFF_MEMBER_CREATED',
  'STAFF_ROLES_SET',
  'STAFF_MEMBER_DISABLED',
  'STAFF_SECOND_FACTOR_RESET',
  // notices (modules/notices)
  'NOTICE_SAVED',
  'NOTICE_WITHDRAWN',
  // the trail itself (audit-reads.service.ts, audit-anchor.ts)
  'AUDIT_EVENTS_READ',
  'AUDIT_EXPORTED',
  'AUDIT_CHAIN_CHECKED',
  'AUDIT_ANCHOR_SENT',
  // the electronic COE (modules/coe)
  'COE_ISSUED',
  'COE_REVOKED',
  'COE_REISSUED',
  'COE_MAIL_RESENT',
  'COE_VIEWED',
  // applicant accounts (modules/applicant-admin): reads, actions, approvals and the housekeeping job
  'APPLICANTS_SEARCHED',
  'APPLICANT_VIEWED',
  'APPLICANT_UNLOCKED',
  'APPLICANT_RESET_LINK_SENT',
  'APPLICANT_AUTH_ID_RENOTIFIED',
  'APPLICANT_SUSPENDED',
  'APPLICANT_RESUMED',
  'APPLICANT_USAGE_EXPIRY_SET',
  'APPLICANT_DELETION_REQUESTED',
  'APPLICANT_EMAIL_CORRECTION_REQUESTED',
  'APPROVAL_REQUEST_APPROVED',
  'APPROVAL_REQUEST_REJECTED',
  'APPROVAL_REQUEST_EXPIRED',
  'APPLICANT_DATA_ERASED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The chain's first prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  action: AuditAction;
  /** who did it (null: nobody logged in yet — a failed login of an unknown ID, the bootstrap CLI) */
  staffId?: string | null;
  /** the bureau of the staff member at the time */
  bureau?: string | null;
  /** what it was done to: a 認証ID, a staff id, a notice id */
  target?: string | null;
  reason?: string | null;
  receptionNumber?: string | null;
  requestId?: string | null;
  ip?: string | null;
  /** before/after of what changed and other facts — never a password, token, TOTP secret or code */
  details?: Record<string, unknown>;
}

/** An event as it is stored and hashed. */
export interface AuditRecord {
  seq: number;
  at: Date;
  staffId: string | null;
  bureau: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  receptionNumber: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/** SHA-256 (hex) over the canonical JSON of the event, its prevHash included. */
export function auditHash(record: AuditRecord): string {
  const body = canonicalJson({ ...record, at: record.at.toISOString() });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

const cap = (value: string | null | undefined, length: number) => (value == null ? null : value.slice(0, length));

/**
 * Appends one event on `em`'s transaction — the transaction of the change it records, so there is no change without
 * its event and no event without its change. The head row is locked first (`update … returning`) and stays locked
 * until that transaction ends: concurrent writers queue there, each takes the next number and the hash before it, and
 * a rolled-back writer leaves neither a number nor a hash behind. So call it last in a transaction, after the change.
 */
export async function appendAuditEvent(em: EntityManager, event: AuditEventInput, at: Date, log?: Logger): Promise<{ seq: number; hash: string }> {
  if (!em.isInTransaction()) throw new Error('appendAuditEvent must run inside the transaction of the change it records');
  const [head] = await em.execute<{ seq: string | number; prev_hash: string }[]>(
    'update audit_head set seq = seq + 1 where id returning seq, hash as prev_hash',
  );
  const record: AuditRecord = {
    seq: Number(head.seq),
    at,
    staffId: event.staffId ?? null,
    bureau: event.bureau ?? null,
    action: event.action,
    target: cap(event.target, 100),
    reason: cap(event.reason, 400),
    receptionNumber: cap(event.receptionNumber, 40),
    requestId: cap(event.requestId, 40),
    ip: cap(event.ip, 64),
    // as jsonb will give it back: what is hashed is what a verifier reads
    details: JSON.parse(JSON.stringify(event.details ?? {})) as Record<string, unknown>,
    prevHash: head.prev_hash,
  };
  const hash = auditHash(record);
  await em.execute(
    `insert into audit_event (seq, at, staff_id, bureau, action, target, reason, reception_number, request_id, ip, details, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [record.seq, at, record.staffId, record.bureau, record.action, record.target, record.reason, record.receptionNumber,
      record.requestId, record.ip, JSON.stringify(record.details), record.prevHash, hash],
  );
  await em.execute('update audit_head set hash = ? where id', [hash]);
  log?.info({ auditSeq: record.seq, auditAction: record.action, staffId: record.staffId, target: record.target }, 'audit event');
  return { seq: record.seq, hash };
}
