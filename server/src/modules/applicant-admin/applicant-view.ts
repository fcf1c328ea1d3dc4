import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { toDate } from '../../db/raw.js';
import type { UserClassName, UserStatus } from '../account/user.entity.js';
import { passwordExpiresAt } from '../password/password-expiry.js';

/**
 * An applicant account as the staff surface shows it (docs/spec/staff.md "Applicant accounts"). Never the password
 * hash, a link token or a mail body: the columns read here are listed one by one.
 */
export interface ApplicantSummaryView {
  authId: string;
  name: string;
  birthDate: string | null;
  email: string;
  userClass: UserClassName;
  status: UserStatus;
  locked: boolean;
  lockedUntil: Date | null;
  registeredAt: Date;
  lastLoginAt: Date | null;
}

export interface ApplicantMailView {
  kind: string;
  to: string;
  /** SENT, or QUEUED (not sent yet; `attempts` > 0 means it is being retried) */
  state: 'SENT' | 'QUEUED';
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

export interface ApplicantEventView {
  type: string;
  at: Date;
  ip: string | null;
  /** e.g. the reason of a refused login; never a secret (recordEvent never stores one) */
  reason: string | null;
}

export interface ApplicantDetailView extends ApplicantSummaryView {
  sex: string | null;
  residenceCode: string | null;
  residenceAddress: string;
  phone: string;
  language: string;
  failedLoginCount: number;
  passwordChangedAt: Date | null;
  passwordExpiresAt: Date | null;
  usageExpiresAt: Date | null;
  deletedAt: Date | null;
  erasedAt: Date | null;
  recentMails: ApplicantMailView[];
  recentEvents: ApplicantEventView[];
}

/** The summary columns (table alias `u`), for the search and the detail alike. */
export const SUMMARY_COLUMNS = `u.auth_id, u.name, to_char(u.birth_date, 'YYYY-MM-DD') as birth_date, u.email, u.user_class, u.status,
  u.locked_until, u.created_at, u.last_login_at`;

export function summaryFromRow(row: Record<string, unknown>, now: Date): ApplicantSummaryView {
  const lockedUntil = toDate(row.locked_until);
  return {
    authId: row.auth_id as string,
    name: row.name as string,
    birthDate: (row.birth_date as string | null) ?? null,
    email: row.email as string,
    userClass: row.user_class as UserClassName,
    status: row.status as UserStatus,
    locked: lockedUntil !== null && lockedUntil > now,
    lockedUntil,
    registeredAt: toDate(row.created_at)!,
    lastLoginAt: toDate(row.last_login_at),
  };
}

const RECENT = 20;

/** The account's detail, its last 20 mails and security events; null when no account has the 認証ID. */
export async function findApplicantDetail(em: EntityManager, config: Config, authId: string, now: Date): Promise<ApplicantDetailView | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select u.id, ${SUMMARY_COLUMNS}, u.sex, u.residence_code, u.residence_address, u.phone, u.language, u.failed_login_count,
            u.password_changed_at, u.usage_expires_at, u.deleted_at, u.erased_at
     from user_account u where u.auth_id = ?`,
    [authId],
  );
  if (!row) return null;
  const mails = await em.execute<Record<string, unknown>[]>(
    'select kind, recipient, attempts, created_at, sent_at from mail_outbox where user_id = ? order by created_at desc, id desc limit ?',
    [row.id, RECENT],
  );
  const events = await em.execute<Record<string, unknown>[]>(
    "select type, at, ip, details->>'reason' as reason from auth_event where user_id = ? order by at desc, id desc limit ?",
    [row.id, RECENT],
  );
  const passwordChangedAt = toDate(row.password_changed_at);
  return {
    ...summaryFromRow(row, now),
    sex: (row.sex as string | null) ?? null,
    residenceCode: (row.residence_code as string | null) ?? null,
    residenceAddress: row.residence_address as string,
    phone: row.phone as string,
    language: row.language as string,
    failedLoginCount: Number(row.failed_login_count),
    passwordChangedAt,
    passwordExpiresAt: passwordExpiresAt(config, passwordChangedAt),
    usageExpiresAt: toDate(row.usage_expires_at),
    deletedAt: toDate(row.deleted_at),
    erasedAt: toDate(row.erased_at),
    recentMails: mails.map((m) => ({
      kind: m.kind as string,
      to: m.recipient as string,
      state: m.sent_at ? 'SENT' : 'QUEUED',
      attempts: Number(m.attempts),
      createdAt: toDate(m.created_at)!,
      sentAt: toDate(m.sent_at),
    })),
    recentEvents: events.map((e) => ({ type: e.type as string, at: toDate(e.at)!, ip: (e.ip as string | null) ?? null, reason: (e.reason as string | null) ?? null })),
  };
}
