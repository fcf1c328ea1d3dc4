import type { Cookies } from '@sveltejs/kit';
import { STAFF_CHALLENGE_COOKIE, stepCookieOptions } from './staff-cookie';

/** The open login step the password page left in its cookie: its challengeId and the second factors offered. */
export function loginStep(cookies: Cookies): { challengeId: string; methods: string[] } | null {
  const raw = cookies.get(STAFF_CHALLENGE_COOKIE);
  const at = raw?.indexOf(':') ?? -1;
  if (!raw || at < 0) return null;
  return { methods: raw.slice(0, at).split(',').filter(Boolean), challengeId: raw.slice(at + 1) };
}

export function endLoginStep(cookies: Cookies): void {
  cookies.delete(STAFF_CHALLENGE_COOKIE, stepCookieOptions('/staff/login'));
}
