import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { clearStaffCookie } from '#lib/staff/server/staff-cookie.js';
import { StaffLogoutMutation } from '#lib/staff/graphql/operations.js';

/** The frame's ログアウト posts here; opened directly, it is the login page. */
export const load: PageServerLoad = () => redirect(303, '/staff/login');

export const actions: Actions = {
  default: async (event) => {
    // Whatever the API says (the session may have timed out already), the browser is logged out afterwards.
    if (event.locals.staffToken) await staffMutate(event, StaffLogoutMutation, {}).catch(() => undefined);
    clearStaffCookie(event.cookies);
    redirect(303, '/staff/login?m=loggedOut');
  },
};
