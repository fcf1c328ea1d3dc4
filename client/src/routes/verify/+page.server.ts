import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { query } from '#lib/server/api.js';
import { VerifyCoeQuery } from '#lib/graphql/operations.js';
import { formString, keptValues, rateLimitedFailure, type FieldErrorView } from '#lib/forms.js';
import { pick } from '#lib/i18n/index.js';
import { verifyTexts } from '#lib/i18n/verify.js';

/**
 * Screen 21 /verify (public, no session): the form number + birth date → verifyCoe, working without JavaScript. The
 * answer is one of VALID / EXPIRED / REVOKED / NO_MATCH with the masked name and the dates when the pair matched (the
 * API gives one answer for an unknown number and a wrong date). The signed code in the fragment is the page's
 * script's business (lib/coe-verify.ts): a fragment never reaches the server.
 */
export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = keptValues(form);
    const T = pick(verifyTexts, event.locals.locale);
    const number = formString(form, 'number').trim();
    const birthDate = formString(form, 'birthDate').trim();
    const missing: FieldErrorView[] = [];
    if (!number) missing.push({ field: 'number', code: 'WZBAM001E', message: T.numberMissing, shortMessage: T.missingShort });
    if (!birthDate) missing.push({ field: 'birthDate', code: 'WZBAM001E', message: T.birthDateMissing, shortMessage: T.missingShort });
    if (missing.length) {
      return fail(400, { failure: { summary: { code: 'WZBAM001E', message: T.missingSummary }, errors: missing, values } });
    }
    try {
      const { verifyCoe } = await query(event, VerifyCoeQuery, { input: { number, birthDate } });
      return { verification: verifyCoe, values };
    } catch (err) {
      const limited = rateLimitedFailure(err, values);
      if (limited) return limited;
      throw err;
    }
  },
};
