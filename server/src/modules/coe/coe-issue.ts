import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { enqueueMail, type MailKind } from '../mail/outbox.js';
import type { Bureau } from '../staff/staff-roles.js';
import { signCoeCode } from './coe-code.js';
import { coeExpiresOn, tokyoDate } from './coe-dates.js';
import { coeIssuedMail, coeReceiptMail, coeRevokedMail } from './coe-mail.js';
import { formatCoeNumber } from './coe-number.js';
import type { CoeEventKind } from './coe-states.js';
import type { CoeFields } from './coe-validate.js';
import { findCoeView, type CoeView } from './coe-view.js';

/** The recipient account as the COE operations read it (locked by the caller). */
export interface RecipientRow {
  id: string;
  auth_id: string;
  name: string;
  email: string;
  status: string;
  user_class: string;
}

export async function lockRecipient(em: EntityManager, where: { authId: string } | { id: string }): Promise<RecipientRow | undefined> {
  const [row] = await em.execute<RecipientRow[]>(
    `select id, auth_id, name, email, status, user_class from user_account where ${'authId' in where ? 'auth_id' : 'id'} = ? for update`,
    ['authId' in where ? where.authId : where.id],
  );
  return row;
}

/** The next number of a bureau in the year of `issuedOn`: the counter row stays locked until the transaction ends. */
export async function allocateCoeNumber(em: EntityManager, bureau: Bureau, issuedOn: string): Promise<string> {
  const year = Number(issuedOn.slice(2, 4));
  const [row] = await em.execute<{ last_serial: number }[]>(
    `insert into coe_serial (bureau, year, last_serial) values (?, ?, 1)
     on conflict (bureau, year) do update set last_serial = coe_serial.last_serial + 1
     returning last_serial`,
    [bureau, year],
  );
  return formatCoeNumber(bureau, year, Number(row.last_serial));
}

export async function addCoeEvent(
  em: EntityManager,
  coeId: string,
  kind: CoeEventKind,
  at: Date,
  opts: { staffId?: string | null; outboxId?: string | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  await em.execute('insert into coe_event (coe_id, at, kind, staff_id, outbox_id, details) values (?, ?, ?, ?, ?, ?)', [
    coeId,
    at,
    kind,
    opts.staffId ?? null,
    opts.outboxId ?? null,
    JSON.stringify(opts.details ?? {}),
  ]);
}

/** Queues a mail about a COE and records it in the COE's history (the worker's success makes it MAIL_SENT). */
async function queueCoeMail(
  em: EntityManager,
  coe: CoeView,
  recipient: RecipientRow,
  kind: MailKind,
  content: Awaited<ReturnType<typeof coeIssuedMail>>,
  now: Date,
  by: { staffId?: string | null; applicant?: boolean },
): Promise<void> {
  const outboxId = await enqueueMail(em, { ...content, kind, to: recipient.email, userId: recipient.id }, now);
  await addCoeEvent(em, coe.id, 'MAIL_QUEUED', now, {
    staffId: by.staffId,
    outboxId,
    details: { mail: kind, by: by.applicant ? 'APPLICANT' : 'STAFF' },
  });
}

/** A fresh single-use 受領登録 token: the COE keeps only its hash (a newer one replaces it). */
async function newReceiptLink(em: EntityManager, config: Config, coeId: string): Promise<string> {
  const token = newToken();
  await em.execute('update coe set receipt_token_hash = ? where id = ?', [hashToken(token), coeId]);
  return `${config.publicUrl}/coe/receipt?token=${encodeURIComponent(token)}`;
}

/**
 * Sends the COE itself (issued, reissued, again): a new receipt link while the receipt is not registered, queued on
 * the caller's transaction.
 */
export async function mailCoe(
  em: EntityManager,
  config: Config,
  coe: CoeView,
  recipient: RecipientRow,
  kind: 'COE_ISSUED' | 'COE_REISSUED' | 'COE_RESENT',
  now: Date,
  by: { staffId?: string | null; applicant?: boolean },
): Promise<void> {
  const receiptUrl = coe.storedState === 'RECEIPT_REGISTERED' ? null : await newReceiptLink(em, config, coe.id);
  const content = await coeIssuedMail(config, { recipientName: recipient.name, coe, receiptUrl, replaces: coe.replaces });
  await queueCoeMail(em, coe, recipient, kind, content, now, by);
}

export async function mailCoeRevoked(em: EntityManager, config: Config, coe: CoeView, recipient: RecipientRow, reason: string, now: Date, staffId: string): Promise<void> {
  const content = coeRevokedMail(config, { recipientName: recipient.name, coe, reason, replacedBy: coe.replacedBy });
  await queueCoeMail(em, coe, recipient, 'COE_REVOKED', content, now, { staffId });
}

export async function mailCoeReceipt(em: EntityManager, config: Config, coe: CoeView, recipient: RecipientRow, now: Date): Promise<void> {
  await queueCoeMail(em, coe, recipient, 'COE_RECEIPT_REGISTERED', coeReceiptMail(config, { recipientName: recipient.name, coe }), now, { applicant: true });
}

/** Whether a COE of this paper application is live (not handed on to a corrected one). */
export async function applicationNumberTaken(em: EntityManager, applicationNumber: string): Promise<boolean> {
  const rows = await em.execute('select 1 from coe where application_number = ? and replaced_by is null', [applicationNumber]);
  return rows.length > 0;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Records a COE with its number already allocated (state ISSUED), signs its code, writes the ISSUED event; null when
 * the application number was taken meanwhile (the partial unique index decides between parallel issues). The caller
 * mails it.
 */
export async function insertCoe(
  em: EntityManager,
  config: Config,
  value: CoeFields & { number: string; applicationNumber: string; bureau: Bureau; userId: string; replaces?: string | null },
  staffId: string,
  now: Date,
): Promise<CoeView | null> {
  const issuedOn = tokyoDate(now);
  const expiresOn = coeExpiresOn(issuedOn);
  const verificationCode = await signCoeCode(config, {
    n: value.number,
    nm: value.name,
    dob: value.birthDate,
    nat: value.nationality,
    sor: value.statusOfResidence,
    iss: issuedOn,
    exp: expiresOn,
    bu: value.bureau,
  });
  let id: string;
  try {
    id = await em.transactional(async (inner) => {
      const [row] = await inner.execute<{ id: string }[]>(
        `insert into coe (number, user_id, application_number, name, nationality, birth_date, sex, status_of_residence,
           organization, issued_on, expires_on, bureau, issued_by, issued_at, replaces, verification_code)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
        [
          value.number, value.userId, value.applicationNumber, value.name, value.nationality, value.birthDate, value.sex,
          value.statusOfResidence, value.organization, issuedOn, expiresOn, value.bureau, staffId, now, value.replaces ?? null,
          verificationCode,
        ],
      );
      return row.id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw err;
  }
  await addCoeEvent(em, id, 'ISSUED', now, { staffId, details: { replaces: value.replaces ?? null } });
  return (await findCoeView(em, value.number, now))!;
}
