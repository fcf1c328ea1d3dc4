import { redirect } from '@sveltejs/kit';
import type { Handle, HandleServerError } from '@sveltejs/kit/hooks';
import { sessionCookieName } from '#lib/server/session-cookie.js';
import { staffCookieName } from '#lib/staff/server/staff-cookie.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';
import { sameOriginPath } from '#lib/server/same-origin-path.js';
import { refuseUnreadableFormPost } from '#lib/server/form-post.js';
// One rule for choosing the language, shared with the API (same process, same repository).
import { localeFromAcceptLanguage } from '../../server/src/i18n/locale';

const YEAR = 365 * 24 * 3600;

/**
 * Per request: the language (a `?lang=` link sets the remembered choice, then the cookie, then Accept-Language),
 * the furigana choice, the session cookie, the client address; and the headers every page gets.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { url, cookies } = event;
  const secure = runtimeConfig().secureCookies;
  const setLang = url.searchParams.get('lang');
  const setFurigana = url.searchParams.get('furigana');
  if ((setLang === 'ja' || setLang === 'en' || setFurigana === 'on' || setFurigana === 'off') && event.request.method === 'GET') {
    if (setLang === 'ja' || setLang === 'en') cookies.set('lang', setLang, { path: '/', maxAge: YEAR, sameSite: 'lax', secure, httpOnly: true });
    if (setFurigana === 'on' || setFurigana === 'off') cookies.set('furigana', setFurigana, { path: '/', maxAge: YEAR, sameSite: 'lax', secure, httpOnly: true });
    const clean = new URL(url);
    clean.searchParams.delete('lang');
    clean.searchParams.delete('furigana');
    // The path is the requester's: `//evil.example/?lang=en` must not send the browser to evil.example.
    redirect(303, sameOriginPath(clean.pathname + clean.search));
  }
  const langCookie = cookies.get('lang');
  event.locals.locale = langCookie === 'en' || langCookie === 'ja' ? langCookie : localeFromAcceptLanguage(event.request.headers.get('accept-language'));
  event.locals.furigana = cookies.get('furigana') === 'on';
  // The staff console (/staff) works with the staff cookie only, the applicant pages with the applicant's only.
  const staffPage = url.pathname === '/staff' || url.pathname.startsWith('/staff/');
  event.locals.token = staffPage ? null : (cookies.get(sessionCookieName()) ?? null);
  event.locals.staffToken = staffPage ? (cookies.get(staffCookieName()) ?? null) : null;
  event.locals.clientIp = event.getClientAddress();

  const response =
    (await refuseUnreadableFormPost(event.request, url)) ??
    (await resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
      filterSerializedResponseHeaders: (name) => name === 'content-type',
    }));
  response.headers.set('X-Content-Type-Options', 'nosniff');
  // A URL that carries an e-mailed token is answered with no-referrer (security.md 18); the page moves the token into
  // a cookie and redirects, so the form itself keeps a normal policy and its POST a real Origin for the CSRF check.
  response.headers.set('Referrer-Policy', url.searchParams.has('token') ? 'no-referrer' : 'same-origin');
  response.headers.set('X-Frame-Options', 'DENY');
  if (secure) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (event.locals.token || url.pathname.startsWith('/password/set') || url.pathname.startsWith('/coe/receipt')) response.headers.set('Cache-Control', 'no-store');
  // Staff pages: never cached, never indexed (staff.md "Staff console"), whatever they show.
  if (staffPage) {
    response.headers.set('Cache-Control', 'no-store');
    response.headers.set('X-Robots-Tag', 'noindex');
  }
  // Every redirect of the pages and form actions names a fixed path today; this keeps any later one on the site too.
  const location = response.headers.get('location');
  if (location !== null && !location.startsWith(`${url.origin}/`) && sameOriginPath(location, '') !== location) {
    response.headers.set('location', sameOriginPath(location));
  }
  return response;
};

/** Unexpected errors: a reference number for the help desk, never the details. */
export const handleError: HandleServerError = ({ kind, error, event }) => {
  // The requester's mistake — an unknown address, a JSON body or a method a page does not take (SvelteKit's own,
  // 'framework', errors) — or a page's own error(…) ('app') is no system error: it keeps its status and message, gets
  // no reference and is not logged as an error (the request log has the status), so nobody can fill the error log.
  if (kind !== 'unknown') return;
  const reference = crypto.randomUUID().slice(0, 8);
  console.error(JSON.stringify({ level: 50, msg: 'web client error', reference, path: event.url.pathname, err: String((error as Error)?.stack ?? error) }));
  return { message: 'WZBAM098E', reference };
};
