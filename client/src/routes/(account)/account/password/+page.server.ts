import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ApiError, mutate, query } from '#lib/server/api.js';
import { ChangePasswordMutation, PasswordPolicyQuery } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { failAtFields, failWith, formString, rateLimitedFailure } from '#lib/forms.js';
import { clearSessionCookie, setSessionCookie } from '#lib/server/session-cookie.js';
import { passwordExpired, sessionProblem } from '#lib/server/session-guard.js';
import { LOGIN_NOTICE_COOKIE, PASSWORD_CHANGED_COOKIE, setFlash } from '#lib/server/account.js';

/**
 * Screen 10 パスワード変更, also the restricted session after WZBAM158E (the login page sends it here with
 * ?expired=1; `me` saying the password expired counts too): then the message is on top and there is no 戻る — only
 * the frame's ログアウト. Success rotates the session: the token the API answers replaces the cookie's (every other
 * session, and the old token, have ended). Five wrong current passwords in a row end the session: the login page says so.
 */
export const load: PageServerLoad = async (event) => {
  const { user } = await event.parent();
  const { passwordPolicy } = await query(event, PasswordPolicyQuery, {});
  return { policy: passwordPolicy, expired: event.url.searchParams.get('expired') === '1' || passwordExpired(user) };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    let result;
    try {
      result = (
        await mutate(event, ChangePasswordMutation, {
          input: {
            currentPassword: formString(form, 'currentPassword'),
            newPassword: formString(form, 'newPassword'),
            newPasswordConfirmation: formString(form, 'newPasswordConfirmation'),
          },
        })
      ).changePassword;
    } catch (err) {
      const limited = rateLimitedFailure(err, {});
      if (limited) return limited;
      if (!(err instanceof ApiError)) throw err;
      sessionProblem(event, err);
    }
    switch (result.__typename) {
      case 'ChangePasswordSuccess':
        setSessionCookie(event.cookies, result.token);
        setFlash(event.cookies, PASSWORD_CHANGED_COOKIE, '1', '/account/password/done');
        redirect(303, '/account/password/done');
      case 'InputValidationError':
        // passwords are never sent back
        return failWith(result, {});
      case 'WrongCurrentPasswordError':
        if (result.sessionEnded) {
          clearSessionCookie(event.cookies);
          setFlash(event.cookies, LOGIN_NOTICE_COOKIE, 'password-attempts', '/login', 10 * 60);
          redirect(303, '/login');
        }
        return failAtFields(result, ['currentPassword'], {});
      default:
        return assertNever(result);
    }
  },
};
