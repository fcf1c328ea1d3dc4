import type { ServiceContext } from '../../graphql/context.js';
import type { FieldIssue } from '../../errors/field-issue.js';
import { RateLimitedError } from '../../errors/graphql-errors.js';
import { toDate } from '../../db/raw.js';
import { hashToken } from '../../lib/tokens.js';
import { parseCalendarDate, tokyoDate } from './coe-dates.js';
import { addCoeEvent, lockRecipient, mailCoe, mailCoeReceipt } from './coe-issue.js';
import { parseCoeNumber } from './coe-number.js';
import { COE_COLUMNS, coeViewFromRow, findCoeView, maskedName, type CoeRow, type CoeView } from './coe-view.js';
import type { CoeVerificationResultValue } from './coe.types.js';

export type ReceiptOutcome =
  | { kind: 'registered'; coe: CoeView }
  | { kind: 'invalid-link' }
  | { kind: 'not-yours' }
  | { kind: 'invalid-state' };

/**
 * registerCoeReceipt: the mail's single-use token (only its hash is stored) marks the COE RECEIPT_REGISTERED and mails
 * the confirmation. The token is consumed only by its own account: another account logged in gets CoeNotYoursError
 * and the link keeps working for the right one. A revoked or expired COE answers InvalidStateError.
 */
export async function registerCoeReceipt(ctx: ServiceContext, userId: string, token: string | null | undefined): Promise<ReceiptOutcome> {
  const raw = typeof token === 'string' ? token.trim() : '';
  if (!raw || raw.length > 200) return { kind: 'invalid-link' };
  return ctx.em.transactional(async (em): Promise<ReceiptOutcome> => {
    const now = ctx.clock.now();
    const [row] = await em.execute<{ number: string }[]>('select number from coe where receipt_token_hash = ?', [hashToken(raw)]);
    if (!row) return { kind: 'invalid-link' };
    const coe = await findCoeView(em, row.number.trim(), now, true);
    if (!coe) return { kind: 'invalid-link' };
    if (coe.userId !== userId) return { kind: 'not-yours' };
    if (coe.state === 'REVOKED' || coe.state === 'EXPIRED') return { kind: 'invalid-state' };
    if (coe.storedState === 'RECEIPT_REGISTERED') return { kind: 'invalid-link' };
    await em.execute(`update coe set state = 'RECEIPT_REGISTERED', receipt_registered_at = ?, receipt_token_hash = null where id = ?`, [now, coe.id]);
    await addCoeEvent(em, coe.id, 'RECEIPT_REGISTERED', now, { details: { stateBefore: coe.state } });
    const registered = (await findCoeView(em, coe.number, now))!;
    const recipient = (await lockRecipient(em, { id: userId }))!;
    await mailCoeReceipt(em, ctx.config, registered, recipient, now);
    return { kind: 'registered', coe: registered };
  });
}

/** At most this many resends a COE's recipient may ask for in 24 hours. */
export const APPLICANT_RESENDS_PER_DAY = 3;
const DAY_MS = 24 * 3600 * 1000;

export type ResendOutcome = { kind: 'resent'; coe: CoeView } | { kind: 'not-found' } | { kind: 'invalid-state' } | { kind: 'invalid-input'; issues: FieldIssue[] };

/**
 * resendMyCoeMail: the COE again to the account's current address, with a new receipt link; 3 in 24 hours per COE,
 * counted in the COE's own history under its row lock (RATE_LIMITED beyond, with the wait until the oldest leaves
 * the window). Another account's COE is simply not found.
 */
export async function resendMyCoeMail(ctx: ServiceContext, userId: string, number: string | null | undefined): Promise<ResendOutcome> {
  if (typeof number !== 'string' || !number.trim()) return { kind: 'invalid-input', issues: [{ field: 'number', code: 'WZBAM001E' }] };
  const parsed = parseCoeNumber(number);
  if (!parsed) return { kind: 'invalid-input', issues: [{ field: 'number', code: 'WZBAM005E', item: 'coeNumber' }] };
  return ctx.em.transactional(async (em): Promise<ResendOutcome> => {
    const now = ctx.clock.now();
    const coe = await findCoeView(em, parsed, now, true);
    if (!coe || coe.userId !== userId) return { kind: 'not-found' };
    if (coe.state === 'REVOKED' || coe.state === 'EXPIRED') return { kind: 'invalid-state' };
    const recent = await em.execute<{ at: unknown }[]>(
      `select at from coe_event where coe_id = ? and kind = 'MAIL_QUEUED' and details->>'by' = 'APPLICANT' and details->>'mail' = 'COE_RESENT' and at > ? order by at`,
      [coe.id, new Date(now.getTime() - DAY_MS)],
    );
    if (recent.length >= APPLICANT_RESENDS_PER_DAY) {
      throw new RateLimitedError((toDate(recent[0].at)!.getTime() + DAY_MS - now.getTime()) / 1000);
    }
    const recipient = (await lockRecipient(em, { id: userId }))!;
    await mailCoe(em, ctx.config, coe, recipient, 'COE_RESENT', now, { applicant: true });
    return { kind: 'resent', coe: (await findCoeView(em, coe.number, now))! };
  });
}

export interface VerificationAnswer {
  result: CoeVerificationResultValue;
  maskedName: string | null;
  nationality: CoeView['nationality'] | null;
  statusOfResidence: CoeView['statusOfResidence'] | null;
  issuedOn: string | null;
  expiresOn: string | null;
}

const NO_MATCH: VerificationAnswer = { result: 'NO_MATCH', maskedName: null, nationality: null, statusOfResidence: null, issuedOn: null, expiresOn: null };

/**
 * verifyCoe (public): number + birth date. An unknown number and a wrong birth date are one answer (NO_MATCH) after
 * the same work — one statement that looks the pair up by the number's unique index and counts the match in the same
 * step — so neither the answer nor its time tells whether a number exists. Every call counts against the client's
 * limit (30 an hour), matched or not.
 */
export async function verifyCoe(ctx: ServiceContext, input: { number?: string | null; birthDate?: string | null }): Promise<VerificationAnswer> {
  await ctx.limits.consume('coeVerificationsPerIp', ctx.ip);
  // a malformed number or date still runs the statement (with values no COE has), so a typo costs the same time
  const number = parseCoeNumber(input.number) ?? 'XX0000000000';
  const birthDate = parseCalendarDate(input.birthDate) ?? '0001-01-01';
  const now = ctx.clock.now();
  const [row] = await ctx.em.execute<CoeRow[]>(
    `with hit as (update coe set verification_count = verification_count + 1 where number = ? and birth_date = ? returning *)
     select ${COE_COLUMNS} from hit c join user_account u on u.id = c.user_id`,
    [number, birthDate],
  );
  if (!row) return NO_MATCH;
  const coe = coeViewFromRow(row, tokyoDate(now));
  const result: CoeVerificationResultValue = coe.state === 'REVOKED' ? 'REVOKED' : coe.state === 'EXPIRED' ? 'EXPIRED' : 'VALID';
  return {
    result,
    maskedName: maskedName(coe.name),
    nationality: coe.nationality,
    statusOfResidence: coe.statusOfResidence,
    issuedOn: coe.issuedOn,
    expiresOn: coe.expiresOn,
  };
}
