import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { RequestEvent } from '@sveltejs/kit';
import { ApiError, mutate, query } from '#lib/server/api.js';
import { PasswordLinkQuery, PasswordPolicyQuery, SetPasswordMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { failWith, formString, rateLimitedFailure } from '#lib/forms.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';
import { LINK_TOKEN_COOKIE, PASSWORD_SET_COOKIE } from '#lib/server/password-set.js';

/**
 * Screen 4: パスワード登録 / パスワード再設定 from an e-mailed link (/password/set?token=…). The response to the link
 * itself (`Referrer-Policy: no-referrer`, `Cache-Control: no-store`, from hooks.server.ts) moves the token into an
 * HttpOnly cookie scoped to /password/set and redirects to the bare page: the token never stays in the address bar,
 * the history or a Referer, and the form page can use a normal Referrer-Policy — under no-referrer browsers send
 * `Origin: null` with a form POST, which SvelteKit's CSRF check refuses.
 *
 * The bare page asks the API about the link at once (`passwordLink`, which consumes nothing): a dead link — used,
 * replaced, expired, unknown — shows the LINK_INVALID page without a form, and a live one the title of its purpose
 * (パスワード登録 or パスワード再設定). An unknown token counts toward the client's unknown-link limit there, as it
 * does in setPassword; past that limit the token is certainly unknown, so the page is the same dead-link page.
 *
 * The completion page gets the purpose and the 認証ID through a short-lived HttpOnly cookie scoped to
 * /password/set/done (`PURPOSE:authId`), not the URL.
 */
const DONE_COOKIE_SECONDS = 10 * 60;

const LINK_COOKIE_SECONDS = 24 * 3600;

/**
 * Requests whose form action already found the link dead. Without JavaScript the page's load runs after the action in
 * the same request; asking the API again would count an unknown token twice for one submission (rules.md §7).
 */
const deadInThisRequest = new WeakSet<Request>();

type LinkState =
  | { usable: true; purpose: 'FIRST_PASSWORD' | 'RESET' }
  | { usable: false; error: { code: string; message: string } | null };

async function linkState(event: RequestEvent, token: string): Promise<LinkState> {
  if (token === '' || deadInThisRequest.has(event.request)) return { usable: false, error: null };
  try {
    const { passwordLink } = await query(event, PasswordLinkQuery, { token });
    if (passwordLink.usable && passwordLink.purpose) return { usable: true, purpose: passwordLink.purpose };
    return { usable: false, error: passwordLink.error ? { code: passwordLink.error.code, message: passwordLink.error.message } : null };
  } catch (err) {
    // only unknown tokens are ever refused as over the limit: the link is dead either way
    if (err instanceof ApiError && err.code === 'RATE_LIMITED') return { usable: false, error: null };
    throw err;
  }
}

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
  const [link, { passwordPolicy }] = await Promise.all([linkState(event, token), query(event, PasswordPolicyQuery, {})]);
  return { policy: passwordPolicy, link };
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
      // (also an overloaded hasher with a live link: the page asks about the link again and shows the form)
      if (limited) return limited;
      throw err;
    }
    switch (result.__typename) {
      case 'PasswordSet':
        event.cookies.delete(LINK_TOKEN_COOKIE, linkCookieOptions());
        event.cookies.set(PASSWORD_SET_COOKIE, `${result.purpose}:${result.authId}`, {
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
        deadInThisRequest.add(event.request);
        return fail(400, { invalidLink: { code: result.code, message: result.message } });
      default:
        return assertNever(result);
    }
  },
};
