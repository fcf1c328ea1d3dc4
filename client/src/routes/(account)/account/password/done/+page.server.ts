import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { PASSWORD_CHANGED_COOKIE } from '#lib/server/account.js';

/**
 * Screen 11 更新完了 (password). The notice went to the registered address, which `me` (the layout's user) names;
 * the flash cookie only says that this browser has just changed the password — without it (expired, or the page
 * opened directly) there is nothing to report: back to the user information.
 */
export const load: PageServerLoad = ({ cookies }) => {
  if (!cookies.get(PASSWORD_CHANGED_COOKIE)) redirect(303, '/account');
  return {};
};
