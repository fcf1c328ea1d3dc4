import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failAtFields, failWith, formString, keptValues, rateLimitedFailure } from '#lib/forms.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { fill, pick, tokyoDateTimeLabelled } from '#lib/i18n/index.js';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { STAFF_CHALLENGE_COOKIE, stepCookieOptions } from '#lib/staff/server/staff-cookie.js';
import { StaffLoginMutation } from '#lib/staff/graphql/operations.js';
import { staffAuthTexts } from '#lib/staff/i18n/auth.js';
import type { LoginNotice } from '#lib/staff/server/staff-guard.js';

const NOTICES: LoginNotice[] = ['expired', 'ended', 'loggedOut', 'enrolled'];

/** The first login step (docs/spec/staff.md "Staff authentication"): login ID and password → the second factor page. */
export const load: PageServerLoad = ({ url, locals }) => {
  // already logged in: the dashboard asks the API whether the session still lives
  if (locals.staffToken && !url.searchParams.has('m')) redirect(303, '/staff');
  const m = url.searchParams.get('m') as LoginNotice | null;
  return { notice: m && NOTICES.includes(m) ? m : null };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = keptValues(form);
    const T = pick(staffAuthTexts, event.locals.locale);
    let result;
    try {
      ({ staffLogin: result } = await staffMutate(event, StaffLoginMutation, {
        input: { loginId: formString(form, 'loginId'), password: formString(form, 'password') },
      }));
    } catch (err) {
      const limited = rateLimitedFailure(err, values);
      if (limited) return limited;
      throw err;
    }
    switch (result.__typename) {
      case 'StaffSecondFactorRequired': {
        // the challenge stays on the server side of the browser: an HttpOnly cookie of the login pages, 5 minutes
        event.cookies.set(STAFF_CHALLENGE_COOKIE, `${result.methods.join(',')}:${result.challengeId}`, stepCookieOptions('/staff/login', 300));
        redirect(303, '/staff/login/verify');
      }
      case 'InputValidationError':
        return failWith(result, values);
      case 'InvalidCredentialsError':
        return failAtFields(result, ['loginId', 'password'], values);
      case 'AccountLockedError':
        return failWith(result, values, fill('{label}{at}', { label: T.lockedUntil, at: tokyoDateTimeLabelled(result.lockedUntil, event.locals.locale) }));
      case 'NetworkNotAllowedError':
        return failWith(result, values);
      default:
        return assertNever(result);
    }
  },
};
