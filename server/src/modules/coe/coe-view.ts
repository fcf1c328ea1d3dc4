import type { EntityManager } from '@mikro-orm/postgresql';
import { toDate } from '../../db/raw.js';
import { tokyoDate } from './coe-dates.js';
import { NATIONALITIES, STATUSES_OF_RESIDENCE, type NamedCode } from './coe-reference.js';
import { effectiveState, type CoeState, type CoeStoredState } from './coe-states.js';

/** A COE as both APIs show it (EXPIRED derived on `today`). */
export interface CoeView {
  id: string;
  number: string;
  userId: string;
  authId: string;
  state: CoeState;
  storedState: CoeStoredState;
  applicationNumber: string;
  name: string;
  nationality: NamedCode;
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
  statusOfResidence: NamedCode;
  organization: string | null;
  issuedOn: string;
  expiresOn: string;
  bureau: string;
  issuedAt: Date;
  mailedAt: Date | null;
  receiptRegisteredAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  replaces: string | null;
  replacedBy: string | null;
  verificationCode: string;
  verificationCount: number;
}

/** One line of a COE's history as the staff API shows it. */
export interface CoeEventView {
  at: Date;
  kind: string;
  staffId: string | null;
  /** for mails: the outbox kind and whether the SMTP server accepted it */
  details: Record<string, unknown>;
}

/** The columns of a COE view (table alias `c`, the account `u`). */
export const COE_COLUMNS = `c.id, c.number, c.user_id, u.auth_id, c.state, c.application_number, c.name, c.nationality,
  to_char(c.birth_date, 'YYYY-MM-DD') as birth_date, c.sex, c.status_of_residence, c.organization,
  to_char(c.issued_on, 'YYYY-MM-DD') as issued_on, to_char(c.expires_on, 'YYYY-MM-DD') as expires_on, c.bureau,
  c.issued_at, c.mailed_at, c.receipt_registered_at, c.revoked_at, c.revocation_reason, c.replaces, c.replaced_by,
  c.verification_code, c.verification_count`;

export type CoeRow = Record<string, unknown>;

function named(map: ReadonlyMap<string, NamedCode>, code: string): NamedCode {
  // a code retired from the data file after issuance still shows (by its code)
  return map.get(code) ?? { code, ja: code, en: code };
}

export function coeViewFromRow(row: CoeRow, today: string): CoeView {
  const stored = row.state as CoeStoredState;
  const expiresOn = row.expires_on as string;
  return {
    id: row.id as string,
    number: (row.number as string).trim(),
    userId: row.user_id as string,
    authId: row.auth_id as string,
    state: effectiveState(stored, expiresOn, today),
    storedState: stored,
    applicationNumber: row.application_number as string,
    name: row.name as string,
    nationality: named(NATIONALITIES, (row.nationality as string).trim()),
    birthDate: row.birth_date as string,
    sex: row.sex as CoeView['sex'],
    statusOfResidence: named(STATUSES_OF_RESIDENCE, row.status_of_residence as string),
    organization: (row.organization as string | null) ?? null,
    issuedOn: row.issued_on as string,
    expiresOn,
    bureau: row.bureau as string,
    issuedAt: toDate(row.issued_at)!,
    mailedAt: toDate(row.mailed_at),
    receiptRegisteredAt: toDate(row.receipt_registered_at),
    revokedAt: toDate(row.revoked_at),
    revocationReason: (row.revocation_reason as string | null) ?? null,
    replaces: (row.replaces as string | null)?.trim() ?? null,
    replacedBy: (row.replaced_by as string | null)?.trim() ?? null,
    verificationCode: row.verification_code as string,
    verificationCount: Number(row.verification_count),
  };
}

/** One COE by its (parsed) number; `lock` takes its row lock for the rest of the transaction. */
export async function findCoeView(em: EntityManager, number: string, now: Date, lock = false): Promise<CoeView | null> {
  const [row] = await em.execute<CoeRow[]>(
    `select ${COE_COLUMNS} from coe c join user_account u on u.id = c.user_id where c.number = ?${lock ? ' for update of c' : ''}`,
    [number],
  );
  return row ? coeViewFromRow(row, tokyoDate(now)) : null;
}

/** The COEs of one account, newest first: the applicant's `myCoes`. */
export function coesOfAccount(em: EntityManager, userId: string, now: Date = new Date()): Promise<CoeView[]> {
  return coesWhere(em, 'c.user_id = ?', userId, now);
}

/** The same by the account's 認証ID: the staff ApplicantDetail's `coes`. */
export function coesOfAuthId(em: EntityManager, authId: string, now: Date = new Date()): Promise<CoeView[]> {
  return coesWhere(em, 'u.auth_id = ?', authId, now);
}

async function coesWhere(em: EntityManager, condition: string, value: string, now: Date): Promise<CoeView[]> {
  const rows = await em.execute<CoeRow[]>(
    `select ${COE_COLUMNS} from coe c join user_account u on u.id = c.user_id where ${condition} order by c.issued_at desc, c.number desc`,
    [value],
  );
  const today = tokyoDate(now);
  return rows.map((row) => coeViewFromRow(row, today));
}

/** A COE's history, oldest first. */
export async function coeEvents(em: EntityManager, coeId: string): Promise<CoeEventView[]> {
  const rows = await em.execute<{ at: unknown; kind: string; staff_id: string | null; details: Record<string, unknown> }[]>(
    'select at, kind, staff_id, details from coe_event where coe_id = ? order by id',
    [coeId],
  );
  return rows.map((r) => ({ at: toDate(r.at)!, kind: r.kind, staffId: r.staff_id, details: r.details ?? {} }));
}

/** `T*** H****`: the first letter of each name part, then one asterisk per further letter. */
export function maskedName(name: string): string {
  return name
    .split(' ')
    .filter(Boolean)
    .map((part) => [...part].map((ch, i) => (i === 0 ? ch : '*')).join(''))
    .join(' ');
}
