import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { mutate } from '#lib/server/api.js';
import { RegisterMutation, ValidateRegistrationMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { failWith, formString, rateLimitedFailure } from '#lib/forms.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';
import { USER_CLASS_VALUES } from '#lib/i18n/register.js';
import {
  REGISTRATION_DONE_COOKIE,
  REGISTRATION_SUBMITTED_COOKIE,
  prefectureOf,
  prefectures,
  registrationValues,
  searchMunicipalities,
  withResidenceName,
  type RegistrationValues,
} from '#lib/server/registration.js';
import { registerInput } from '#lib/registration-input.js';

/**
 * Screen 3 (STEP1 input), 3b (STEP2 confirmation) on one route; STEP3 is /register/done.
 *
 * STEP3 gets the address the mail went to through a short-lived HttpOnly cookie scoped to /register/done (a "flash"),
 * not through the URL: an e-mail address in a query string would end up in the browser history, proxy and server
 * logs and Referer headers. The cookie lives 15 minutes and is not deleted on the first read, so reloading the
 * completion page (or Back then Forward) still shows the address; without it the page names no address.
 */
const DONE_COOKIE_SECONDS = 15 * 60;

export const load: PageServerLoad = async (event) => {
  const requested = event.url.searchParams.get('class') ?? '';
  const initialClass = (USER_CLASS_VALUES as readonly string[]).includes(requested) ? requested : '';
  return { prefectures: await prefectures(event), initialClass };
};

/** A rate-limited request is shown like a form error, with the values kept; anything else is rethrown. */
function refused(err: unknown, values: Record<string, string>) {
  const limited = rateLimitedFailure(err, values);
  if (limited) return limited;
  throw err;
}

async function stepOne(event: RequestEvent, values: RegistrationValues) {
  return withResidenceName(event, values);
}

export const actions: Actions = {
  /** STEP1 → STEP2: validate; the preview shows the normalized values, hidden inputs carry the entered ones. */
  confirm: async (event) => {
    const values = registrationValues(await event.request.formData());
    let result;
    try {
      result = (await mutate(event, ValidateRegistrationMutation, { input: registerInput(values) })).validateRegistration;
    } catch (err) {
      return refused(err, await stepOne(event, values));
    }
    switch (result.__typename) {
      case 'RegistrationValid':
        // submissionId: one per STEP2 page, so the same page cannot register twice (see REGISTRATION_SUBMITTED_COOKIE)
        return { preview: result.preview, values: values as Record<string, string>, submissionId: crypto.randomUUID() };
      case 'InputValidationError':
        return failWith(result, await stepOne(event, values));
      default:
        return assertNever(result);
    }
  },

  /** The residence search without JavaScript: the entered values come back with a search panel. */
  search: async (event) => {
    const form = await event.request.formData();
    const values = registrationValues(form);
    const prefectureCode = formString(form, 'searchPrefecture') || (await prefectureOf(event, values.residenceCode ?? ''));
    const text = formString(form, 'searchText');
    const results = prefectureCode ? await searchMunicipalities(event, prefectureCode, text) : null;
    return { values: await stepOne(event, values), search: { prefectureCode, text, results } };
  },

  /** 選択 in the search panel: back to the form with the residence set (the button's residenceCode wins). */
  pick: async (event) => {
    const values = registrationValues(await event.request.formData());
    return { values: await stepOne(event, values), picked: true };
  },

  /** STEP2 → STEP1 with the values kept. */
  back: async (event) => {
    const values = registrationValues(await event.request.formData());
    return { values: await stepOne(event, values) };
  },

  /** STEP2 → STEP3: the same input again (the server re-validates), then the account and the mail. */
  register: async (event) => {
    const form = await event.request.formData();
    const values = registrationValues(form);
    const submissionId = formString(form, 'submissionId');
    if (submissionId && event.cookies.get(REGISTRATION_SUBMITTED_COOKIE) === submissionId) redirect(303, '/register/done');
    let result;
    try {
      result = (await mutate(event, RegisterMutation, { input: registerInput(values) })).register;
    } catch (err) {
      return refused(err, await stepOne(event, values));
    }
    switch (result.__typename) {
      case 'RegistrationAccepted':
        event.cookies.set(REGISTRATION_DONE_COOKIE, result.email, {
          path: '/register/done',
          httpOnly: true,
          secure: runtimeConfig().secureCookies,
          sameSite: 'lax',
          maxAge: DONE_COOKIE_SECONDS,
        });
        if (submissionId) {
          event.cookies.set(REGISTRATION_SUBMITTED_COOKIE, submissionId, {
            path: '/register',
            httpOnly: true,
            secure: runtimeConfig().secureCookies,
            sameSite: 'lax',
            maxAge: DONE_COOKIE_SECONDS,
          });
        }
        redirect(303, '/register/done');
      case 'InputValidationError':
        // e.g. the data changed between STEP1 and STEP2: STEP1 again, with the errors
        return failWith(result, await stepOne(event, values));
      default:
        return assertNever(result);
    }
  },
};
