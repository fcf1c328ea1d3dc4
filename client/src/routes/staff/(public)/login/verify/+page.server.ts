import { redirect } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failAtFields, failWith, formString, rateLimitedFailure } from '#lib/forms.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { fill, pick, tokyoDateTimeLabelled } from '#lib/i18n/index.js';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { setStaffCookie } from '#lib/staff/server/staff-cookie.js';
import { endLoginStep, loginStep } from '#lib/staff/server/login-step.js';
import { StaffVerifyPasskeyMutation, StaffVerifyTotpMutation } from '#lib/staff/graphql/operations.js';
import type { StaffVerifyTotpMutation as VerifyTotp } from '#lib/staff/graphql/generated/graphql.js';
import { staffAuthTexts } from '#lib/staff/i18n/auth.js';

/**
 * The second step: a TOTP code (a real form post) or a passkey (JavaScript: the WebAuthn ceremony, then the same kind
 * of form post with the browser's answer). The challengeId never reaches the page: it stays in the step's cookie.
 */
export const load: PageServerLoad = ({ cookies }) => {
  const step = loginStep(cookies);
  if (!step) redirect(303, '/staff/login');
  return { methods: step.methods, expired: false };
};

type Verify = VerifyTotp['staffVerifyTotp'];

function answer(event: RequestEvent, result: Verify, field: string | null) {
  const T = pick(staffAuthTexts, event.locals.locale);
  switch (result.__typename) {
    case 'StaffLoginSuccess':
      endLoginStep(event.cookies);
      setStaffCookie(event.cookies, result.token);
      redirect(303, '/staff');
    case 'InputValidationError':
      return failWith(result, {});
    case 'InvalidCredentialsError':
      // STAFF_LOGIN_EXPIRED: the step is over (5 minutes, or the fifth failure) — the page offers to start again
      if (result.code === 'STAFF_LOGIN_EXPIRED') {
        endLoginStep(event.cookies);
        return failWith(result, {});
      }
      // a wrong code is said at its field; a refused passkey has no field
      return field ? failAtFields(result, [field], {}) : failWith(result, {});
    case 'AccountLockedError':
      endLoginStep(event.cookies);
      return failWith(result, {}, fill('{label}{at}', { label: T.lockedUntil, at: tokyoDateTimeLabelled(result.lockedUntil, event.locals.locale) }));
    default:
      return assertNever(result);
  }
}

async function verify(event: RequestEvent, call: (challengeId: string, form: FormData) => Promise<Verify>, field: string | null) {
  const form = await event.request.formData();
  const step = loginStep(event.cookies);
  if (!step) redirect(303, '/staff/login');
  try {
    return answer(event, await call(step.challengeId, form), field);
  } catch (err) {
    const limited = rateLimitedFailure(err, {});
    if (limited) return limited;
    throw err;
  }
}

export const actions: Actions = {
  totp: (event) =>
    verify(
      event,
      async (challengeId, form) =>
        (await staffMutate(event, StaffVerifyTotpMutation, { input: { challengeId, code: formString(form, 'code') } })).staffVerifyTotp,
      'code',
    ),
  passkey: (event) =>
    verify(
      event,
      async (challengeId, form) =>
        (await staffMutate(event, StaffVerifyPasskeyMutation, { input: { challengeId, response: formString(form, 'response') } })).staffVerifyPasskey,
      null,
    ),
};
