import type { EntityManager } from '@mikro-orm/postgresql';
import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { auditBase, type StaffActor, type StaffServiceContext } from '../staff/staff-context.js';
import { isBureau } from '../staff/staff-roles.js';
import { tokyoDate } from './coe-dates.js';
import {
  addCoeEvent,
  allocateCoeNumber,
  applicationNumberTaken,
  insertCoe,
  lockRecipient,
  mailCoe,
  mailCoeRevoked,
  type RecipientRow,
} from './coe-issue.js';
import { parseCoeNumber } from './coe-number.js';
import { checkCoeFields, checkReason, validateIssueCoe, type CoeFields, type IssueCoeRaw } from './coe-validate.js';
import { coeEvents, findCoeView, type CoeEventView, type CoeView } from './coe-view.js';

export type CoeOutcome =
  | { kind: 'done'; coe: CoeView }
  | { kind: 'invalid-input'; issues: StaffFieldIssue[] }
  | { kind: 'applicant-not-found' }
  | { kind: 'coe-not-found' }
  | { kind: 'invalid-state' }
  | { kind: 'duplicate-application' };

const RECIPIENT_CLASS = 'COUNTER_COE_RECIPIENT';

/** The account a COE may be issued to: ACTIVE, of the class that asked for electronic issuance. */
const recipientUsable = (r: RecipientRow) => r.status === 'ACTIVE' && r.user_class === RECIPIENT_CLASS;

function actorBureau(actor: StaffActor) {
  if (!isBureau(actor.bureau)) throw new Error(`staff member ${actor.id} has no known bureau`);
  return actor.bureau;
}

/** The COE's fields for the audit trail (no code, no token). */
function auditFields(coe: CoeView) {
  return {
    number: coe.number, authId: coe.authId, applicationNumber: coe.applicationNumber, name: coe.name, nationality: coe.nationality.code,
    birthDate: coe.birthDate, sex: coe.sex, statusOfResidence: coe.statusOfResidence.code, organization: coe.organization,
    issuedOn: coe.issuedOn, expiresOn: coe.expiresOn, bureau: coe.bureau,
  };
}

/**
 * issueCoe (COUNTER_CLERK, SUPERVISOR): the COE with the next number of the clerk's bureau, its signed code, the
 * mail with the 受領登録 link (through the outbox), the history and the audit event — one transaction.
 */
export async function issueCoe(ctx: StaffServiceContext, actor: StaffActor, input: IssueCoeRaw): Promise<CoeOutcome> {
  const checked = validateIssueCoe(input, tokyoDate(ctx.clock.now()));
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  const value = checked.value;
  const bureau = actorBureau(actor);
  return ctx.em.transactional(async (em): Promise<CoeOutcome> => {
    const now = ctx.clock.now();
    const recipient = await lockRecipient(em, { authId: value.authId });
    if (!recipient) return { kind: 'applicant-not-found' };
    if (!recipientUsable(recipient)) return { kind: 'invalid-state' };
    if (await applicationNumberTaken(em, value.applicationNumber)) return { kind: 'duplicate-application' };
    const number = await allocateCoeNumber(em, bureau, tokyoDate(now));
    const coe = await insertCoe(em, ctx.config, { ...value, number, bureau, userId: recipient.id }, actor.id, now);
    if (!coe) return { kind: 'duplicate-application' };
    await mailCoe(em, ctx.config, coe, recipient, 'COE_ISSUED', now, { staffId: actor.id });
    await appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'COE_ISSUED', target: coe.number, details: { after: auditFields(coe) } }, now, ctx.log);
    return { kind: 'done', coe: (await findCoeView(em, coe.number, now))! };
  });
}

/** The COE named by `number` (lenient input), locked; an unparsable number is simply not found. */
async function lockCoe(em: EntityManager, number: string | null | undefined, now: Date): Promise<CoeView | null> {
  const parsed = parseCoeNumber(number);
  return parsed ? findCoeView(em, parsed, now, true) : null;
}

function numberIssue(number: string | null | undefined, issues: StaffFieldIssue[]): void {
  if (typeof number !== 'string' || !number.trim()) issues.push({ field: 'number', code: 'WZBAM001E' });
  else if (!parseCoeNumber(number)) issues.push({ field: 'number', code: 'WZBAM005E', item: 'coeNumber' });
}

async function setRevoked(em: EntityManager, coe: CoeView, actor: StaffActor, reason: string, now: Date, replacedBy: string | null): Promise<void> {
  await em.execute(
    `update coe set state = 'REVOKED', revoked_at = ?, revoked_by = ?, revocation_reason = ?, replaced_by = ? where id = ?`,
    [now, actor.id, reason, replacedBy, coe.id],
  );
  await addCoeEvent(em, coe.id, 'REVOKED', now, { staffId: actor.id, details: { reason, replacedBy, stateBefore: coe.state } });
}

/**
 * revokeCoe (SUPERVISOR): REVOKED with the reason, the applicant mailed. The receipt link stays known, so that using it
 * says the COE was revoked (InvalidStateError) rather than that the link is unknown.
 */
export async function revokeCoe(ctx: StaffServiceContext, actor: StaffActor, input: { number?: string | null; reason?: string | null }): Promise<CoeOutcome> {
  const issues: StaffFieldIssue[] = [];
  numberIssue(input.number, issues);
  const reason = checkReason(input.reason, issues);
  if (issues.length) return { kind: 'invalid-input', issues };
  return ctx.em.transactional(async (em): Promise<CoeOutcome> => {
    const now = ctx.clock.now();
    const coe = await lockCoe(em, input.number, now);
    if (!coe) return { kind: 'coe-not-found' };
    if (coe.storedState === 'REVOKED') return { kind: 'invalid-state' };
    const recipient = (await lockRecipient(em, { id: coe.userId }))!;
    await setRevoked(em, coe, actor, reason, now, null);
    const revoked = (await findCoeView(em, coe.number, now))!;
    await mailCoeRevoked(em, ctx.config, revoked, recipient, reason, now, actor.id);
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'COE_REVOKED', target: coe.number, reason, details: { authId: coe.authId, before: { state: coe.state }, after: { state: 'REVOKED' } } },
      now,
      ctx.log,
    );
    return { kind: 'done', coe: revoked };
  });
}

export type ReissueCoeRaw = Omit<IssueCoeRaw, 'authId' | 'applicationNumber'> & { number?: string | null; reason?: string | null };

/**
 * reissueCoe (SUPERVISOR): a signed COE is never edited — the old one is revoked (`replacedBy` the new number) and a
 * corrected one is issued under a new number of the supervisor's bureau for the same application and account; the
 * fields not given keep the old values. Mails: the revocation, then the corrected COE.
 */
export async function reissueCoe(ctx: StaffServiceContext, actor: StaffActor, input: ReissueCoeRaw): Promise<CoeOutcome> {
  const issues: StaffFieldIssue[] = [];
  numberIssue(input.number, issues);
  const reason = checkReason(input.reason, issues);
  if (issues.length) return { kind: 'invalid-input', issues };
  const bureau = actorBureau(actor);
  return ctx.em.transactional(async (em): Promise<CoeOutcome> => {
    const now = ctx.clock.now();
    const old = await lockCoe(em, input.number, now);
    if (!old) return { kind: 'coe-not-found' };
    const given = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';
    const merged = {
      name: given(input.name) ? input.name : old.name,
      nationality: given(input.nationality) ? input.nationality : old.nationality.code,
      birthDate: given(input.birthDate) ? input.birthDate : old.birthDate,
      sex: given(input.sex) ? input.sex : old.sex,
      statusOfResidence: given(input.statusOfResidence) ? input.statusOfResidence : old.statusOfResidence.code,
      organization: input.organization != null ? input.organization : old.organization,
    };
    const fieldIssues: StaffFieldIssue[] = [];
    const fields: CoeFields = checkCoeFields(merged, tokyoDate(now), fieldIssues);
    if (fieldIssues.length) return { kind: 'invalid-input', issues: fieldIssues };
    if (old.state === 'REVOKED' || old.state === 'EXPIRED') return { kind: 'invalid-state' };
    const recipient = (await lockRecipient(em, { id: old.userId }))!;
    if (!recipientUsable(recipient)) return { kind: 'invalid-state' };
    const number = await allocateCoeNumber(em, bureau, tokyoDate(now));
    // the old COE hands its application number on (replaced_by, deferred foreign key) before the new row takes it
    await setRevoked(em, old, actor, reason, now, number);
    const coe = await insertCoe(em, ctx.config, { ...fields, number, applicationNumber: old.applicationNumber, bureau, userId: recipient.id, replaces: old.number }, actor.id, now);
    if (!coe) throw new Error(`reissue of ${old.number}: the application number is taken`);
    await addCoeEvent(em, old.id, 'REISSUED', now, { staffId: actor.id, details: { replacedBy: number } });
    const revoked = (await findCoeView(em, old.number, now))!;
    await mailCoeRevoked(em, ctx.config, revoked, recipient, reason, now, actor.id);
    await mailCoe(em, ctx.config, coe, recipient, 'COE_REISSUED', now, { staffId: actor.id });
    const before = auditFields(old);
    const after = auditFields(coe);
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'COE_REISSUED', target: coe.number, reason, details: { replaces: old.number, before, after } },
      now,
      ctx.log,
    );
    return { kind: 'done', coe: (await findCoeView(em, coe.number, now))! };
  });
}

/** resendCoeMail (COUNTER_CLERK, SUPERVISOR): the COE again, to the account's current address, with a new receipt link. */
export async function resendCoeMail(ctx: StaffServiceContext, actor: StaffActor, number: string | null | undefined): Promise<CoeOutcome> {
  const issues: StaffFieldIssue[] = [];
  numberIssue(number, issues);
  if (issues.length) return { kind: 'invalid-input', issues };
  return ctx.em.transactional(async (em): Promise<CoeOutcome> => {
    const now = ctx.clock.now();
    const coe = await lockCoe(em, number, now);
    if (!coe) return { kind: 'coe-not-found' };
    if (coe.state === 'REVOKED' || coe.state === 'EXPIRED') return { kind: 'invalid-state' };
    const recipient = (await lockRecipient(em, { id: coe.userId }))!;
    if (recipient.status !== 'ACTIVE') return { kind: 'invalid-state' };
    await mailCoe(em, ctx.config, coe, recipient, 'COE_RESENT', now, { staffId: actor.id });
    await appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'COE_MAIL_RESENT', target: coe.number, details: { authId: coe.authId } }, now, ctx.log);
    return { kind: 'done', coe: (await findCoeView(em, coe.number, now))! };
  });
}

/** coe(number) (COUNTER_CLERK, SUPERVISOR, AUDITOR): the COE with its history; the read is audited like an applicant's. */
export async function readCoe(ctx: StaffServiceContext, actor: StaffActor, number: string): Promise<(CoeView & { events: CoeEventView[] }) | null> {
  return ctx.em.transactional(async (em) => {
    const now = ctx.clock.now();
    const parsed = parseCoeNumber(number);
    const coe = parsed ? await findCoeView(em, parsed, now) : null;
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'COE_VIEWED', target: coe?.number ?? parsed ?? null, details: { found: Boolean(coe), ...(coe ? { authId: coe.authId } : {}) } },
      now,
      ctx.log,
    );
    return coe ? { ...coe, events: await coeEvents(em, coe.id) } : null;
  });
}
