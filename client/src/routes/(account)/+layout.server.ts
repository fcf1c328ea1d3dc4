import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { EXPIRED_PASSWORD_PAGE, passwordExpired, requireUser } from '$lib/server/session-guard';
import { runtimeConfig } from '$lib/server/runtime-config';

/** The pages a session whose password has expired may still open (rules.md §3: only the password change). */
const EXPIRED_ALLOWED = new Set(['/account/password', '/account/password/done']);

export const load: LayoutServerLoad = async (event) => {
  const user = await requireUser(event);
  // The restricted session after WZBAM158E (the API refuses it everything else with FORBIDDEN anyway).
  if (passwordExpired(user) && !EXPIRED_ALLOWED.has(event.url.pathname)) redirect(303, EXPIRED_PASSWORD_PAGE);
  return { user, sessionIdleTimeoutSeconds: runtimeConfig().sessionIdleTimeoutSeconds };
};
