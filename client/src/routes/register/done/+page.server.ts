import type { PageServerLoad } from './$types';
import { REGISTRATION_DONE_COOKIE } from '#lib/server/registration.js';

/**
 * STEP3. The address comes from the flash cookie the `register` action set (never from the URL); this page only
 * reads, so reloading it or coming back to it with the browser's Back/Forward re-submits nothing.
 */
export const load: PageServerLoad = ({ cookies, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  return { email: cookies.get(REGISTRATION_DONE_COOKIE) ?? null };
};
