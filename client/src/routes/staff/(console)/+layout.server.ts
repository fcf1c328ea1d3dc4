import type { LayoutServerLoad } from './$types';
import { requireStaff } from '#lib/staff/server/staff-guard.js';

/**
 * Every page behind the staff login asks the API who is logged in on every navigation (reading the URL makes
 * SvelteKit re-run this load for each address): a session that ended — timed out, logged out, superseded, disabled —
 * shows nothing more and lands on the login page with the reason (staff-guard.ts).
 */
export const load: LayoutServerLoad = async (event) => {
  void event.url.pathname;
  return { staff: await requireStaff(event) };
};
