import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { ApiError, query } from './api';
import { clearSessionCookie } from './session-cookie';
import { MeQuery } from '#lib/graphql/operations.js';

/** Where the restricted session after WZBAM158E belongs: the only page it can use (screen 10). */
export const EXPIRED_PASSWORD_PAGE = '/account/password?expired=1';

/**
 * The page of a session that has ended (screen 15), by the API's top-level code: the timeout page, the double-login
 * page (WZBAM099E), or the login page for a session that was logged out or never was. Null for other codes.
 */
export function endedSessionPage(code: string): string | null {
  switch (code) {
    case 'SESSION_EXPIRED':
      return '/session/expired';
    case 'WZBAM099E':
      return '/session/superseded';
    case 'UNAUTHENTICATED':
      return '/login';
    default:
      return null;
  }
}

/**
 * A session problem the API reported as a top-level error (api.md), on a page load or a form action: the page of the
 * ended session (the cookie cleared on the way) or, for a restricted session that called something else than
 * changePassword (FORBIDDEN), the password change page. Anything else is a system error.
 */
export function sessionProblem(event: RequestEvent, err: ApiError): never {
  const ended = endedSessionPage(err.code);
  if (ended) {
    clearSessionCookie(event.cookies);
    redirect(303, ended);
  }
  if (err.code === 'FORBIDDEN') redirect(303, EXPIRED_PASSWORD_PAGE);
  error(500, 'WZBAM098E');
}

/**
 * The logged-in user for pages behind login, and the seconds until the server ends the session without further
 * activity — set by this very request, the same lookup that read the user. Session problems end as `sessionProblem`
 * says.
 */
export async function requireAccount(event: RequestEvent) {
  if (!event.locals.token) redirect(303, '/login');
  try {
    const { me, session } = await query(event, MeQuery, {});
    if (!me || !session) redirect(303, '/login');
    return { user: me, session: { expiresInSeconds: session.expiresInSeconds } };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    sessionProblem(event, err);
  }
}

/** The logged-in user (see requireAccount). */
export async function requireUser(event: RequestEvent) {
  return (await requireAccount(event)).user;
}

/** Whether `me` says the password has expired (then only the password change works: rules.md §3). */
export function passwordExpired(user: { passwordExpiresAt?: string | null }, now = Date.now()): boolean {
  return Boolean(user.passwordExpiresAt) && Date.parse(user.passwordExpiresAt as string) <= now;
}
