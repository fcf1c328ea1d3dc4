import { json, type RequestHandler } from '@sveltejs/kit';
import { ApiError, query } from '$lib/server/api';
import { MeQuery } from '$lib/graphql/operations';
import { clearSessionCookie } from '$lib/server/session-cookie';

/**
 * 「続ける」 in the timeout warning: any authenticated API call slides the server's idle deadline. Answers whether the
 * session is still alive, and where to go if not. POST only (it has an effect), same-origin by SvelteKit's CSRF check.
 */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.token) return json({ alive: false, next: '/login' });
  try {
    const { me } = await query(event, MeQuery, {});
    return json(me ? { alive: true } : { alive: false, next: '/login' });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    clearSessionCookie(event.cookies);
    const next = err.code === 'WZBAM099E' ? '/session/superseded' : err.code === 'SESSION_EXPIRED' ? '/session/expired' : '/login';
    return json({ alive: false, next });
  }
};
