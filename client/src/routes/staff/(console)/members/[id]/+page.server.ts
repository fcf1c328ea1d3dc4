import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith } from '#lib/forms.js';
import { missingFields } from '#lib/staff/server/member-form.js';
import { assertNever } from '#lib/graphql/exhaustive.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { DisableStaffMemberMutation, ResetStaffSecondFactorMutation, SetStaffRolesMutation, StaffMembersQuery } from '#lib/staff/graphql/operations.js';
import type { SetStaffRolesMutation as SetRoles } from '#lib/staff/graphql/generated/graphql.js';

/**
 * One staff member (STAFF_ADMIN): their data, and the three actions — set roles, disable, reset the second factor —
 * each first a confirmation step (what will happen, 実行する / キャンセル), then the mutation. Not on oneself (the API
 * answers SelfActionError; the page does not offer them).
 */
const DONE = ['created', 'roles', 'disabled', 'reset'] as const;

export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'STAFF_ADMIN');
  const { staffMembers } = await withStaffSession(event, () => staffQuery(event, StaffMembersQuery, {}));
  const member = staffMembers.find((m) => m.id === event.params.id);
  if (!member) error(404, 'STAFF_NOT_FOUND');
  const done = DONE.find((d) => d === event.url.searchParams.get('done')) ?? null;
  return { member, self: member.id === staff.id, done };
};

/** The three mutations select the same fields of StaffMemberResult. */
type Result = SetRoles['setStaffRoles'];

async function admin(event: RequestEvent) {
  requireRole(await requireStaff(event), 'STAFF_ADMIN');
}

function answer(event: RequestEvent, result: Result, done: (typeof DONE)[number], values: Record<string, string> = {}) {
  switch (result.__typename) {
    case 'StaffMemberSaved':
      redirect(303, `/staff/members/${event.params.id}?done=${done}`);
    case 'InputValidationError':
    case 'StaffNotFoundError':
    case 'SelfActionError':
    case 'InvalidStateError':
      return failWith(result, values);
    default:
      return assertNever(result);
  }
}

function rolesOf(form: FormData): string[] {
  return form.getAll('roles').filter((r): r is string => typeof r === 'string');
}

export const actions: Actions = {
  confirmRoles: async (event) => {
    await admin(event);
    const roles = rolesOf(await event.request.formData());
    const missing = missingFields({ roles: roles.join(',') }, ['roles'], event.locals.locale);
    if (missing) return failWith(missing, { roles: '' });
    return { confirm: { action: 'roles' as const, roles } };
  },
  confirmDisable: async (event) => {
    await admin(event);
    return { confirm: { action: 'disable' as const, roles: [] as string[] } };
  },
  confirmReset: async (event) => {
    await admin(event);
    return { confirm: { action: 'reset' as const, roles: [] as string[] } };
  },
  setRoles: async (event) => {
    const roles = rolesOf(await event.request.formData());
    const { setStaffRoles } = await withStaffSession(event, () => staffMutate(event, SetStaffRolesMutation, { input: { id: event.params.id, roles } }));
    return answer(event, setStaffRoles, 'roles', { roles: roles.join(',') });
  },
  disable: async (event) => {
    const { disableStaffMember } = await withStaffSession(event, () => staffMutate(event, DisableStaffMemberMutation, { id: event.params.id }));
    return answer(event, disableStaffMember, 'disabled');
  },
  reset: async (event) => {
    const { resetStaffSecondFactor } = await withStaffSession(event, () => staffMutate(event, ResetStaffSecondFactorMutation, { id: event.params.id }));
    return answer(event, resetStaffSecondFactor, 'reset');
  },
};
