import { json, type RequestHandler } from '@sveltejs/kit';
import { ApiError, query } from '$lib/server/api';
import { MeQuery } from '$lib/graphql/operations';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { endedSessionPage } from '$lib/server/session-guard';

/**
 * 「続ける」 in the timeout warning: any authenticated API call slides the server's idle deadline. Answers whether the
 * session is still alive and the seconds it now has left, or where to go if it ended. POST only (it has an effect),
 * same-origin by SvelteKit's CSRF check.
 */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.token) return json({ alive: false, next: '/login' });
  try {
    const { me, session } = await query(event, MeQuery, {});
    return json(me && session ? { alive: true, expiresInSeconds: session.expiresInSeconds } : { alive: false, next: '/login' });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const next = endedSessionPage(err.code);
    if (!next) throw err;
    clearSessionCookie(event.cookies);
    return json({ alive: false, next });
  }
};
