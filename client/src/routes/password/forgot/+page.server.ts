import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { mutate } from '#lib/server/api.js';
import { RequestPasswordResetMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { failAtFields, failWith, formString, keptValues, rateLimitedFailure } from '#lib/forms.js';
import { RESET_REQUESTED_COOKIE, setFlash } from '#lib/server/account.js';

/**
 * Screen 12 パスワード再設定 利用者情報確認: 認証ID + the registered address → a reset link by mail. A mismatch
 * (WZBAM168E) and a rate limit (RATE_LIMITED) are form errors with the values kept. The address goes to screen 13
 * in a flash cookie scoped to /password/forgot/sent, never in the URL.
 */
export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = keptValues(form);
    let result;
    try {
      result = (
        await mutate(event, RequestPasswordResetMutation, {
          input: { authId: formString(form, 'authId'), email: formString(form, 'email') },
        })
      ).requestPasswordReset;
    } catch (err) {
      const limited = rateLimitedFailure(err, values);
      if (limited) return limited;
      throw err;
    }
    switch (result.__typename) {
      case 'PasswordResetRequested':
        setFlash(event.cookies, RESET_REQUESTED_COOKIE, result.email, '/password/forgot/sent');
        redirect(303, '/password/forgot/sent');
      case 'InputValidationError':
        return failWith(result, values);
      case 'AuthIdEmailMismatchError':
        // about the pair: both fields marked
        return failAtFields(result, ['authId', 'email'], values);
      default:
        return assertNever(result);
    }
  },
};
