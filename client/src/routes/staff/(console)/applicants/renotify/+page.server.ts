import type { Actions, PageServerLoad } from './$types';
import { failWith, formString } from '#lib/forms.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { RenotifyAuthIdMutation } from '#lib/staff/graphql/applicants.js';

/**
 * 認証ID再通知 without the 認証ID (COUNTER_CLERK, SUPERVISOR): name, date of birth and e-mail address must all match
 * one account; the API mails the 認証ID to the registered address and answers only that address, masked — the clerk
 * learns nothing else (staff.md).
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'COUNTER_CLERK', 'SUPERVISOR');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    requireRole(await requireStaff(event), 'COUNTER_CLERK', 'SUPERVISOR');
    const form = await event.request.formData();
    const values = Object.fromEntries(['name', 'birthDate', 'email', 'reason', 'receptionNumber'].map((f) => [f, formString(form, f)]));
    const { renotifyAuthId: result } = await withStaffSession(event, () => staffMutate(event, RenotifyAuthIdMutation, { input: values }));
    if (result.__typename === 'AuthIdRenotified') return { mailedTo: result.mailedTo };
    return failWith({ code: result.code, message: result.message, fieldErrors: 'fieldErrors' in result ? result.fieldErrors : [] }, values);
  },
};
