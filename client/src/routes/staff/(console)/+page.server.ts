import type { PageServerLoad } from './$types';
import { withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffQuery } from '#lib/staff/server/staff-api.js';
import { PendingApprovalsQuery } from '#lib/staff/graphql/applicants.js';

/** The dashboard: for supervisors, how many requests wait for a decision (staff.md "Staff console"). */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  if (!staff.roles.includes('SUPERVISOR')) return { pending: null };
  const { approvalRequests } = await withStaffSession(event, () => staffQuery(event, PendingApprovalsQuery, {}));
  return { pending: approvalRequests.length };
};
