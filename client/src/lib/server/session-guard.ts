import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { ApiError, query } from './api';
import { clearSessionCookie } from './session-cookie';
import { MeQuery } from '$lib/graphql/operations';

/** Where the restricted session after WZBAM158E belongs: the only page it can use (screen 10). */
export const EXPIRED_PASSWORD_PAGE = '/account/password?expired=1';

/**
 * A session problem the API reported as a top-level error (api.md), on a page load or a form action: its own page
 * (screen 15) — the timeout page, the double-login page or the login page, the cookie cleared on the way — or, for a
 * restricted session that called something else than changePassword (FORBIDDEN), the password change page.
 * Anything else is a system error.
 */
export function sessionProblem(event: RequestEvent, err: ApiError): never {
  switch (err.code) {
    case 'SESSION_EXPIRED':
      clearSessionCookie(event.cookies);
      redirect(303, '/session/expired');
    case 'WZBAM099E':
      clearSessionCookie(event.cookies);
      redirect(303, '/session/superseded');
    case 'UNAUTHENTICATED':
      clearSessionCookie(event.cookies);
      redirect(303, '/login');
    case 'FORBIDDEN':
      redirect(303, EXPIRED_PASSWORD_PAGE);
    default:
      error(500, 'WZBAM098E');
  }
}

/** The logged-in user for pages behind login; session problems end as `sessionProblem` says. */
export async function requireUser(event: RequestEvent) {
  if (!event.locals.token) redirect(303, '/login');
  try {
    const { me } = await query(event, MeQuery, {});
    if (!me) redirect(303, '/login');
    return me;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    sessionProblem(event, err);
  }
}

/** Whether `me` says the password has expired (then only the password change works: rules.md §3). */
export function passwordExpired(user: { passwordExpiresAt?: string | null }, now = Date.now()): boolean {
  return Boolean(user.passwordExpiresAt) && Date.parse(user.passwordExpiresAt as string) <= now;
}
