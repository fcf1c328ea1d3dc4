import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ACCOUNT_UPDATED_COOKIE, NO_MAIL } from '#lib/server/account.js';

/**
 * Screen 9 更新完了. What the change sent comes from the flash cookie the `update` action set (never the URL): the new
 * address when the e-mail changed, NO_MAIL for a residence or phone change (manual 2.4.1: then no mail text). Without
 * the cookie (expired, or the page opened directly) there is nothing to report: back to the user information.
 */
export const load: PageServerLoad = ({ cookies }) => {
  const flash = cookies.get(ACCOUNT_UPDATED_COOKIE);
  if (!flash) redirect(303, '/account');
  return { notifiedEmail: flash === NO_MAIL ? null : flash };
};
