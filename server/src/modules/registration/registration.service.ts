import type { Validated } from '../../errors/field-issue.js';
import type { ServiceContext } from '../../graphql/context.js';
import { newAuthId } from '../../lib/tokens.js';
import { recordEvent } from '../audit/audit.js';
import { enqueueMail } from '../mail/outbox.js';
import { registrationMail } from '../mail/templates.js';
import { issueEmailLink } from '../password/email-link.service.js';
import { validateRegistrationInput, type NormalizedRegistration, type RegisterInputValues } from './registration.validate.js';

export function validateRegistration(ctx: ServiceContext, input: RegisterInputValues): Validated<NormalizedRegistration> {
  return validateRegistrationInput(input, ctx.clock.now());
}

const AUTH_ID_ATTEMPTS = 10;

/**
 * STEP2 → STEP3: creates the account (PENDING_PASSWORD) with a fresh random 認証ID, its first-password link and the
 * registration mail, all in one transaction. Counted per client IP and per e-mail address (rules.md §7) only once the
 * input is valid, so a user fixing typos is never locked out by their own mistakes.
 */
export async function register(
  ctx: ServiceContext,
  input: RegisterInputValues,
): Promise<Validated<{ email: string; authId: string }>> {
  const checked = validateRegistration(ctx, input);
  if (!checked.ok) return checked;
  const reg = checked.value;

  await ctx.limits.consume('registrationsPerIp', ctx.ip);
  await ctx.limits.consume('registrationsPerEmail', reg.email);

  return ctx.em.transactional(async (em) => {
    const now = ctx.clock.now();
    let created: { id: string; auth_id: string } | undefined;
    for (let i = 0; i < AUTH_ID_ATTEMPTS && !created; i++) {
      const rows = await em.execute<{ id: string; auth_id: string }[]>(
        `insert into user_account (auth_id, name, sex, birth_date, residence_code, residence_address, phone, email,
           user_class, language, status, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING_PASSWORD', ?, ?)
         on conflict (auth_id) do nothing returning id, auth_id`,
        [newAuthId(), reg.name, reg.sex, reg.birthDate, reg.residenceCode, reg.residenceAddress, reg.phone, reg.email,
          reg.userClass, ctx.locale, now, now],
      );
      created = rows[0];
    }
    if (!created) throw new Error('could not find a free 認証ID'); // 1.2·10^12 ids: practically unreachable
    const link = await issueEmailLink(em, ctx.config, { userId: created.id, purpose: 'FIRST_PASSWORD', email: reg.email, now });
    await enqueueMail(
      em,
      {
        kind: 'REGISTRATION',
        to: reg.email,
        userId: created.id,
        ...registrationMail(ctx.config, { name: reg.name, authId: created.auth_id, link: link.url, expiresAt: link.expiresAt }),
      },
      now,
    );
    await recordEvent(em, { type: 'REGISTERED', userId: created.id, ip: ctx.ip, userAgent: ctx.userAgent }, now, ctx.log);
    return { ok: true, value: { email: reg.email, authId: created.auth_id } } as const;
  });
}
