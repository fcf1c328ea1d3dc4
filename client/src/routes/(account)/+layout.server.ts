import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { EXPIRED_PASSWORD_PAGE, passwordExpired, requireAccount } from '#lib/server/session-guard.js';
import { SESSION_DEPENDENCY } from '#lib/session-channel.js';

/** The pages a session whose password has expired may still open (rules.md §3: only the password change). */
const EXPIRED_ALLOWED = new Set(['/account/password', '/account/password/done']);

/**
 * Every page that shows account data (and the frame's header, with the name and 前回ログイン日時) gets it from here, so
 * this load asks the API on every navigation: SvelteKit re-runs a server load in the browser only when something it
 * read has changed. Reading the URL makes every navigation to another address (links, Back/Forward) re-run it, not
 * only those of a restricted session; SESSION_DEPENDENCY lets the timeout warning, a page restored from the
 * back/forward cache and a failed form ask again for the same address. A session that has ended goes to its page.
 */
export const load: LayoutServerLoad = async (event) => {
  event.depends(SESSION_DEPENDENCY);
  // Account pages are never stored (hooks.server.ts sets the same header on the response); saying so here also tells
  // SvelteKit, which then does not hash each rendered page for an ETag nobody may revalidate against.
  event.setHeaders({ 'cache-control': 'no-store' });
  const path = event.url.pathname;
  const { user, session } = await requireAccount(event);
  // The restricted session after WZBAM158E (the API refuses it everything else with FORBIDDEN anyway).
  if (passwordExpired(user) && !EXPIRED_ALLOWED.has(path)) redirect(303, EXPIRED_PASSWORD_PAGE);
  return { user, session };
};
