import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ApiError, mutate } from '#lib/server/api.js';
import { RegisterCoeReceiptMutation } from '#lib/graphql/operations.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { EXPIRED_PASSWORD_PAGE, passwordExpired, requireAccount, sessionProblem } from '#lib/server/session-guard.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';
import { setFlash } from '#lib/server/account.js';
import { RECEIPT_DONE_COOKIE, RECEIPT_PATH, RECEIPT_TOKEN_COOKIE } from '#lib/server/coe.js';
import { SESSION_DEPENDENCY } from '#lib/session-channel.js';
import { pick } from '#lib/i18n/index.js';
import { coeTexts } from '#lib/i18n/coe.js';

/**
 * Screen 19: 受領登録 from the mail's link (`/coe/receipt?token=…`, docs/spec/coe.md). Like the password link (screen
 * 4), the link's answer moves the token into an HttpOnly cookie scoped to /coe/receipt and redirects to the bare page,
 * so the token leaves the address bar, the history and any Referer. Without a session the bare page sends the browser
 * to the login page with `next=/coe/receipt`, and the login comes back here (the path is fixed; the login page checks
 * any `next` with sameOriginPath). The page is a confirmation (nothing is registered by opening a link: a mail
 * scanner that follows links must not register receipt); 受領登録する posts, and success goes to the completion page
 * with the number in a flash cookie. The page lives outside the (account) group, whose pages send a missing session
 * to the bare login page.
 */
const PATH = RECEIPT_PATH;

function tokenCookieOptions() {
  return { path: PATH, httpOnly: true, secure: runtimeConfig().secureCookies, sameSite: 'lax' as const };
}

async function account(event: RequestEvent) {
  if (!event.locals.token) redirect(303, `/login?next=${encodeURIComponent(PATH)}`);
  const { user, session } = await requireAccount(event);
  if (passwordExpired(user)) redirect(303, EXPIRED_PASSWORD_PAGE);
  return { user, session };
}

export const load: PageServerLoad = async (event) => {
  const fromLink = event.url.searchParams.get('token');
  if (fromLink !== null) {
    // the link is usable until the COE expires (3 months): the cookie outlives a day's login detour, no more
    event.cookies.set(RECEIPT_TOKEN_COOKIE, fromLink.slice(0, 200), { ...tokenCookieOptions(), maxAge: 24 * 3600 });
    redirect(303, PATH);
  }
  event.depends(SESSION_DEPENDENCY);
  const { user, session } = await account(event);
  return { user, session, hasLink: Boolean(event.cookies.get(RECEIPT_TOKEN_COOKIE)) };
};

export const actions: Actions = {
  default: async (event) => {
    const token = event.cookies.get(RECEIPT_TOKEN_COOKIE) ?? '';
    let result;
    try {
      result = (await mutate(event, RegisterCoeReceiptMutation, { input: { token } })).registerCoeReceipt;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // another class than the recipients' (registerCoeReceipt is theirs only): the link is not this user's
      if (err.code === 'FORBIDDEN') return fail(403, { refused: { message: pick(coeTexts, event.locals.locale).receiptNotForClass } });
      sessionProblem(event, err);
    }
    switch (result.__typename) {
      case 'CoeReceiptRegistered':
        event.cookies.delete(RECEIPT_TOKEN_COOKIE, tokenCookieOptions());
        setFlash(event.cookies, RECEIPT_DONE_COOKIE, result.coe.number, `${PATH}/done`);
        redirect(303, `${PATH}/done`);
      case 'InvalidLinkError':
      case 'InvalidStateError':
        // a dead link stays dead: forget it (CoeNotYoursError keeps it: the recipient may log in and use it)
        event.cookies.delete(RECEIPT_TOKEN_COOKIE, tokenCookieOptions());
        return fail(400, { refused: { message: result.message } });
      case 'CoeNotYoursError':
        return fail(400, { refused: { message: result.message } });
      default:
        return assertNever(result);
    }
  },
};
