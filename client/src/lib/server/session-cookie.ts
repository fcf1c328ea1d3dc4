import type { Cookies } from '@sveltejs/kit';
import { runtimeConfig } from './runtime-config';

/**
 * The API session token lives only in this HttpOnly cookie, set by the SvelteKit server (the browser's JavaScript
 * never sees it). `__Host-` where the origin is https (security.md 15); on plain-http localhost the same attributes
 * without the prefix, which browsers would refuse there.
 */
export function sessionCookieName(): string {
  return runtimeConfig().secureCookies ? '__Host-session' : 'session';
}

export function setSessionCookie(cookies: Cookies, token: string): void {
  const { secureCookies, sessionIdleTimeoutSeconds } = runtimeConfig();
  cookies.set(sessionCookieName(), token, {
    path: '/',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
    // The server decides when a session ends; the cookie only outlives it a little so the timeout page can be shown.
    maxAge: sessionIdleTimeoutSeconds + 12 * 3600,
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  const { secureCookies } = runtimeConfig();
  cookies.delete(sessionCookieName(), { path: '/', secure: secureCookies, httpOnly: true, sameSite: 'lax' });
}
