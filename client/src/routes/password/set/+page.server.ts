import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { mutate, query } from '$lib/server/api';
import { PasswordPolicyQuery, SetPasswordMutation } from '$lib/graphql/operations';
import { assertNever } from '$lib/graphql/exhaustive';
import { failWith, formString, rateLimitedFailure } from '$lib/forms';
import { runtimeConfig } from '$lib/server/runtime-config';
import { LINK_TOKEN_COOKIE, PASSWORD_SET_COOKIE } from '$lib/server/password-set';

/**
 * Screen 4: パスワード登録 / パスワード再設定 from an e-mailed link (/password/set?token=…). The response to the link
 * itself (`Referrer-Policy: no-referrer`, `Cache-Control: no-store`, from hooks.server.ts) moves the token into an
 * HttpOnly cookie scoped to /password/set and redirects to the bare page: the token never stays in the address bar,
 * the history or a Referer, and the form page can use a normal Referrer-Policy — under no-referrer browsers send
 * `Origin: null` with a form POST, which SvelteKit's CSRF check refuses.
 *
 * The API cannot check a link without a submission (no query for it, and setPassword counts unknown tokens against
 * the client's rate limit), so an invalid link is reported when the form is sent; only a missing token is known at once.
 *
 * The completion page gets the 認証ID through a short-lived HttpOnly cookie scoped to /password/set/done, not the URL.
 */
const DONE_COOKIE_SECONDS = 10 * 60;

const LINK_COOKIE_SECONDS = 24 * 3600;

function linkCookieOptions() {
  return { path: '/password/set', httpOnly: true, secure: runtimeConfig().secureCookies, sameSite: 'lax' as const };
}

export const load: PageServerLoad = async (event) => {
  const fromLink = event.url.searchParams.get('token');
  if (fromLink !== null) {
    event.cookies.set(LINK_TOKEN_COOKIE, fromLink.slice(0, 200), { ...linkCookieOptions(), maxAge: LINK_COOKIE_SECONDS });
    redirect(303, '/password/set');
  }
  const token = event.cookies.get(LINK_TOKEN_COOKIE) ?? '';
  const { passwordPolicy } = await query(event, PasswordPolicyQuery, {});
  return { policy: passwordPolicy, missingToken: token === '' };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const token = event.cookies.get(LINK_TOKEN_COOKIE) ?? '';
    let result;
    try {
      result = (
        await mutate(event, SetPasswordMutation, {
          input: {
            token,
            password: formString(form, 'password'),
            passwordConfirmation: formString(form, 'passwordConfirmation'),
          },
        })
      ).setPassword;
    } catch (err) {
      const limited = rateLimitedFailure(err, {});
      if (limited) return limited;
      throw err;
    }
    switch (result.__typename) {
      case 'PasswordSet':
        event.cookies.delete(LINK_TOKEN_COOKIE, linkCookieOptions());
        event.cookies.set(PASSWORD_SET_COOKIE, result.authId, {
          path: '/password/set/done',
          httpOnly: true,
          secure: runtimeConfig().secureCookies,
          sameSite: 'lax',
          maxAge: DONE_COOKIE_SECONDS,
        });
        redirect(303, '/password/set/done');
      case 'InputValidationError':
        // passwords are never sent back
        return failWith(result, {});
      case 'InvalidLinkError':
        return fail(400, { invalidLink: { code: result.code, message: result.message } });
      default:
        return assertNever(result);
    }
  },
};
