import type { PageServerLoad } from './$types';
import { requireRole, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffQuery } from '#lib/staff/server/staff-api.js';
import { StaffMembersQuery } from '#lib/staff/graphql/operations.js';

/** The staff list (STAFF_ADMIN). */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'STAFF_ADMIN');
  const { staffMembers } = await withStaffSession(event, () => staffQuery(event, StaffMembersQuery, {}));
  return { members: staffMembers };
};
