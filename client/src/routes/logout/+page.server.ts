import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { mutate } from '#lib/server/api.js';
import { LogoutMutation } from '#lib/graphql/operations.js';
import { clearSessionCookie } from '#lib/server/session-cookie.js';

export const actions: Actions = {
  default: async (event) => {
    if (event.locals.token) {
      // Whatever the API says (the session may already have timed out), the browser is logged out afterwards.
      await mutate(event, LogoutMutation, {}).catch(() => undefined);
    }
    clearSessionCookie(event.cookies);
    redirect(303, '/logout');
  },
};
