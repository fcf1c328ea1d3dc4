import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { mutate } from '#lib/server/api.js';
import { LoginMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { failAtFields, failWith, formString, keptValues, rateLimitedFailure } from '#lib/forms.js';
import { setSessionCookie } from '#lib/server/session-cookie.js';
import { fill, pick, tokyoDateTimeLabelled } from '#lib/i18n/index.js';
import { loginTexts } from '#lib/i18n/login.js';
import { LOGIN_NOTICE_COOKIE, clearFlash } from '#lib/server/account.js';
import { sameOriginPath } from '#lib/server/same-origin-path.js';

/**
 * A notice why the user is here (a flash cookie, read once): five wrong current passwords on the password change
 * page ended the session (set by /account/password).
 */
export const load: PageServerLoad = ({ cookies }) => {
  const notice = cookies.get(LOGIN_NOTICE_COOKIE) === 'password-attempts' ? ('sessionEnded' as const) : null;
  if (notice) clearFlash(cookies, LOGIN_NOTICE_COOKIE, '/login');
  return { notice };
};

/**
 * Where a successful login goes: back to the page that sent the user here (`?next=`, e.g. the COE's 受領登録 link) when
 * it is a plain path on this site that needs no rewriting (sameOriginPath leaves it as it is), else the menu.
 */
function afterLogin(url: URL): string {
  const next = url.searchParams.get('next');
  return next && sameOriginPath(next, '') === next ? next : '/menu';
}

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const values = keptValues(form);
    const T = pick(loginTexts, event.locals.locale);
    let login;
    try {
      ({ login } = await mutate(event, LoginMutation, {
        input: { authId: formString(form, 'authId'), password: formString(form, 'password') },
      }));
    } catch (err) {
      // Too many failed logins from this address (rules.md §7): a form error with the 認証ID kept, not the system error page.
      const limited = rateLimitedFailure(err, values);
      if (limited) return limited;
      throw err;
    }
    switch (login.__typename) {
      case 'LoginSuccess':
        setSessionCookie(event.cookies, login.token);
        redirect(303, afterLogin(event.url));
      case 'PasswordExpiredError':
        // A restricted session: it may only change the password (screen 10).
        setSessionCookie(event.cookies, login.token);
        redirect(303, '/account/password?expired=1');
      case 'InputValidationError':
        return failWith(login, values);
      case 'InvalidCredentialsError':
        return failAtFields(login, ['authId', 'password'], values);
      case 'AccountLockedError':
        return failWith(login, values, `${T.lockedRemedy} ${fill('{label}{at}', { label: T.lockedUntil, at: tokyoDateTimeLabelled(login.lockedUntil, event.locals.locale) })}`);
      case 'AccountUnavailableError':
        return failWith(login, values, T.helpdeskRemedy);
      default:
        return assertNever(login);
    }
  },
};
