import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { RESET_REQUESTED_COOKIE } from '#lib/server/account.js';

/**
 * Screen 13 利用者情報確認完了. The address comes from the flash cookie the forgot-password action set (never the
 * URL); without it (expired, or the page opened directly) there is nothing to report: back to the form.
 */
export const load: PageServerLoad = ({ cookies, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  const email = cookies.get(RESET_REQUESTED_COOKIE);
  if (!email) redirect(303, '/password/forgot');
  return { email };
};
