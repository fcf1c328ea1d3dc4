import type { Cookies } from '@sveltejs/kit';
import { runtimeConfig } from '#lib/server/runtime-config.js';

/**
 * The staff session token lives only in its own HttpOnly cookie, never in the applicant's (docs/spec/staff.md "Staff
 * sessions"): `__Host-staff` where the origin is https, `staff` on plain-http localhost — as session-cookie.ts does
 * for applicants. The browser's JavaScript never sees it.
 */
export function staffCookieName(): string {
  return runtimeConfig().secureCookies ? '__Host-staff' : 'staff';
}

/** The absolute limit of a staff session (12 hours): the cookie never needs to outlive it. */
const STAFF_SESSION_MAX_SECONDS = 12 * 3600;

export function setStaffCookie(cookies: Cookies, token: string): void {
  const { secureCookies, staffIdleTimeoutSeconds } = runtimeConfig();
  cookies.set(staffCookieName(), token, {
    path: '/',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
    // The server decides when the session ends; the cookie outlives it a little so the login page can say why.
    maxAge: STAFF_SESSION_MAX_SECONDS + staffIdleTimeoutSeconds,
  });
}

export function clearStaffCookie(cookies: Cookies): void {
  const { secureCookies } = runtimeConfig();
  cookies.delete(staffCookieName(), { path: '/', secure: secureCookies, httpOnly: true, sameSite: 'lax' });
}

/**
 * Short-lived HttpOnly cookies of the two public steps, each scoped to its pages: the login step's challengeId and the
 * enrolment link's token (moved out of the address bar as the applicants' password link is). `lax`: the enrolment
 * link is opened from a mail, a navigation from another site.
 */
export const STAFF_CHALLENGE_COOKIE = 'staff-challenge';
export const STAFF_ENROL_COOKIE = 'staff-enrol';

export function stepCookieOptions(path: string, maxAge?: number) {
  return { path, httpOnly: true, secure: runtimeConfig().secureCookies, sameSite: 'lax' as const, ...(maxAge ? { maxAge } : {}) };
}
