import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldIssue, Validated } from '../../errors/field-issue.js';
import type { ServiceContext } from '../../graphql/context.js';
import { recordEvent } from '../audit/audit.js';
import { enqueueMail } from '../mail/outbox.js';
import { emailChangedNewMail, emailChangedOldMail } from '../mail/templates.js';
import { checkEmailPair, checkPhone, checkResidence, sameEmail } from '../registration/registration.validate.js';
import { UserAccountSchema, type UserAccount } from './user.entity.js';

/**
 * 利用者情報変更 (screen 8, rules.md §1–§2, §6): only the residence (both parts together), the phone number and the
 * e-mail address (with its confirmation) can change; a blank field means "no change".
 */

export interface UpdateUserValues {
  residenceCode?: string | null;
  residenceAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  emailConfirmation?: string | null;
}

/** The normalized new values; an absent key is not changed. */
export interface UserChanges {
  residenceCode?: string;
  residenceAddress?: string;
  phone?: string;
  email?: string;
}

/** The fields of the change form, in form order (each gets WZBAM245E when the form is empty). */
export const UPDATE_USER_FIELDS = ['residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation'] as const;

/**
 * A field counts as filled in unless it is absent, empty or only (ideographic) spaces. Anything else — also a value
 * that is nothing but control characters — is filled in and goes through the field's checks (a clear WZBAM005E).
 */
function filledIn(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  return typeof value !== 'string' || !/^[ \u3000]*$/.test(value);
}

/**
 * Pure: every issue at once, in form order. Empty form → WZBAM245E on every field; one residence part only →
 * WZBAM244E on the missing part (and the given part is still checked); the filled-in fields follow the registration
 * rules with the change form's item names (新しい住居地, 新しい連絡先, 新しいメールアドレス).
 */
export function validateUpdateUserInput(input: UpdateUserValues | null | undefined): Validated<UserChanges> {
  const v = input ?? {};
  const filled = Object.fromEntries(UPDATE_USER_FIELDS.map((f) => [f, filledIn(v[f])])) as Record<(typeof UPDATE_USER_FIELDS)[number], boolean>;
  if (!UPDATE_USER_FIELDS.some((f) => filled[f])) {
    return { ok: false, issues: UPDATE_USER_FIELDS.map((field) => ({ field, code: 'WZBAM245E' }) as FieldIssue) };
  }

  const issues: FieldIssue[] = [];
  const changes: UserChanges = {};

  if (filled.residenceCode || filled.residenceAddress) {
    const found: FieldIssue[] = [];
    const residence = checkResidence({ code: v.residenceCode, address: v.residenceAddress }, found, {
      codeField: 'residenceCode',
      addressField: 'residenceAddress',
      item: 'newResidence',
      addressItem: 'newResidenceAddress',
    });
    // The missing part's own "missing" answer (WZBAM103E/WZBAM104E) becomes WZBAM244E; the given part keeps its issues.
    for (const field of ['residenceCode', 'residenceAddress'] as const) {
      if (filled[field]) issues.push(...found.filter((i) => i.field === field));
      else issues.push({ field, code: 'WZBAM244E' });
    }
    if (filled.residenceCode && filled.residenceAddress && residence.code && residence.address) {
      changes.residenceCode = residence.code;
      changes.residenceAddress = residence.address;
    }
  }

  if (filled.phone) {
    const phone = checkPhone(v.phone, issues, 'phone', 'newPhone');
    if (phone !== undefined) changes.phone = phone;
  }

  if (filled.email || filled.emailConfirmation) {
    const email = checkEmailPair({ email: v.email, confirmation: v.emailConfirmation }, issues, {
      field: 'email',
      confirmationField: 'emailConfirmation',
      item: 'newEmail',
      confirmationItem: 'newEmailConfirmation',
    });
    if (email !== undefined) changes.email = email;
  }

  return issues.length ? { ok: false, issues } : { ok: true, value: changes };
}

interface LockedUser {
  id: string;
  auth_id: string;
  name: string;
  email: string;
}

/**
 * Applies the change to the caller's own account (the id comes from the session, never from the input). When the
 * e-mail address changes (ignoring case): every outstanding e-mailed link is voided, the completion mail goes to the
 * new address and a notice to the old one — all in the one transaction. A residence or phone change sends no mail.
 */
export async function updateUser(
  ctx: ServiceContext,
  userId: string,
  input: UpdateUserValues,
): Promise<Validated<{ user: UserAccount; notifiedEmail: string | null }>> {
  const checked = validateUpdateUserInput(input);
  if (!checked.ok) return checked;
  const changes = checked.value;

  const notifiedEmail = await ctx.em.transactional(async (em) => {
    const now = ctx.clock.now();
    const rows = await em.execute<LockedUser[]>('select id, auth_id, name, email from user_account where id = ? for update', [userId]);
    const before = rows[0];
    if (!before) throw new Error('the session names no account');
    const emailChanged = changes.email !== undefined && !sameEmail(changes.email, before.email);

    await em.execute(
      `update user_account set residence_code = coalesce(?, residence_code), residence_address = coalesce(?, residence_address),
         phone = coalesce(?, phone), email = coalesce(?, email), updated_at = ? where id = ?`,
      [changes.residenceCode ?? null, changes.residenceAddress ?? null, changes.phone ?? null, changes.email ?? null, now, userId],
    );
    const event = { userId, ip: ctx.ip, userAgent: ctx.userAgent };
    // Field names only: the audit trail keeps no personal values.
    await recordEvent(em, { ...event, type: 'USER_UPDATED', details: { fields: Object.keys(changes) } }, now, ctx.log);
    if (!emailChanged) return null;

    const newEmail = changes.email as string;
    await afterEmailChange(em, ctx, { userId, authId: before.auth_id, name: before.name, oldEmail: before.email, newEmail }, event, now);
    return newEmail;
  });

  // The request's unit of work still holds the account as the session loaded it: read it again.
  const user = await ctx.em.findOneOrFail(UserAccountSchema, { id: userId }, { refresh: true });
  return { ok: true, value: { user, notifiedEmail } };
}

/**
 * What follows a change of an account's e-mail address, on the change's transaction (rules.md §6): the links sent to
 * the old address stop working, the new address gets the completion mail and the old one a notice (ja then en), and
 * the security event. Shared by the applicant's own change (updateUser) and the staff's approved correction
 * (modules/applicant-admin).
 */
export async function afterEmailChange(
  em: EntityManager,
  ctx: Pick<ServiceContext, 'config' | 'log'>,
  account: { userId: string; authId: string; name: string; oldEmail: string; newEmail: string },
  event: { userId: string; ip: string | null; userAgent: string | null; details?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  const { userId, newEmail } = account;
  // Links were sent to the old address: whoever reads it must not be able to use them any more.
  await em.execute('update email_link set voided_at = ? where user_id = ? and used_at is null and voided_at is null', [now, userId]);
  const who = { name: account.name, authId: account.authId, at: now };
  await enqueueMail(em, { kind: 'EMAIL_CHANGED_NEW', to: newEmail, userId, ...emailChangedNewMail(ctx.config, { ...who, email: newEmail }) }, now);
  await enqueueMail(em, { kind: 'EMAIL_CHANGED_OLD', to: account.oldEmail, userId, ...emailChangedOldMail(ctx.config, who) }, now);
  await recordEvent(em, { ...event, type: 'EMAIL_CHANGED' }, now, ctx.log);
}
