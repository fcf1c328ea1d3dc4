import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { ApiError, query } from './api';
import { clearSessionCookie } from './session-cookie';
import { MeQuery } from '$lib/graphql/operations';

/**
 * The logged-in user for pages behind login. Session problems end in their own pages (screen 15): the timeout page,
 * the double-login page, or the login page; the cookie is cleared on the way.
 */
export async function requireUser(event: RequestEvent) {
  if (!event.locals.token) redirect(303, '/login');
  try {
    const { me } = await query(event, MeQuery, {});
    if (!me) redirect(303, '/login');
    return me;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
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
      default:
        error(500, 'WZBAM098E');
    }
  }
}
