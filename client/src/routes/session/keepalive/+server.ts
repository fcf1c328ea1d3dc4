import type { RequestHandler } from '@sveltejs/kit';
import { ApiError, query } from '#lib/server/api.js';
import { MeQuery } from '#lib/graphql/operations.js';
import { clearSessionCookie } from '#lib/server/session-cookie.js';
import { endedSessionPage } from '#lib/server/session-guard.js';

/**
 * 「続ける」 in the timeout warning: any authenticated API call slides the server's idle deadline. Answers whether the
 * session is still alive and the seconds it now has left, or where to go if it ended. POST only (it has an effect),
 * same-origin by SvelteKit's CSRF check.
 */
export const POST: RequestHandler = async (event) => {
  if (!event.locals.token) return Response.json({ alive: false, next: '/login' });
  try {
    const { me, session } = await query(event, MeQuery, {});
    return Response.json(me && session ? { alive: true, expiresInSeconds: session.expiresInSeconds } : { alive: false, next: '/login' });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const next = endedSessionPage(err.code);
    if (!next) throw err;
    clearSessionCookie(event.cookies);
    return Response.json({ alive: false, next });
  }
};
