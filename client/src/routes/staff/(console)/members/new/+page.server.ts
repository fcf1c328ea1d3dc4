import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith } from '#lib/forms.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { memberValues, missingFields } from '#lib/staff/server/member-form.js';
import { CreateStaffMemberMutation } from '#lib/staff/graphql/operations.js';

/**
 * 職員の登録 (STAFF_ADMIN): the form, then a confirmation step (the values read-only, 登録する / 戻る), then
 * `createStaffMember`, which mails the enrolment link. Errors go back to the form with every value kept.
 */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'STAFF_ADMIN');
  return {};
};

export const actions: Actions = {
  /** the confirmation step: nothing is sent to the API yet */
  confirm: async (event) => {
    requireRole(await requireStaff(event), 'STAFF_ADMIN');
    const { kept } = memberValues(await event.request.formData());
    const missing = missingFields(kept, ['loginId', 'name', 'bureau', 'roles'], event.locals.locale);
    if (missing) return failWith(missing, kept);
    return { confirm: kept };
  },
  /** 戻る: the form again, as it was */
  edit: async (event) => {
    const { kept } = memberValues(await event.request.formData());
    return { values: kept };
  },
  create: async (event) => {
    const { input, kept } = memberValues(await event.request.formData());
    const { createStaffMember: result } = await withStaffSession(event, () => staffMutate(event, CreateStaffMemberMutation, { input }));
    switch (result.__typename) {
      case 'StaffMemberSaved':
        redirect(303, `/staff/members/${result.staff.id}?done=created`);
      case 'InputValidationError':
        return failWith(result, kept);
      case 'StaffNotFoundError':
      case 'SelfActionError':
      case 'InvalidStateError':
        return failWith(result, kept);
      default:
        return assertNever(result);
    }
  },
};

