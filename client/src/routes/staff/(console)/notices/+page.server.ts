import type { PageServerLoad } from './$types';
import { requireRole, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffQuery } from '#lib/staff/server/staff-api.js';
import { StaffNoticesQuery } from '#lib/staff/graphql/notices-audit.js';

/** お知らせ (NOTICE_EDITOR): every notice, newest first, with its state and window. */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'NOTICE_EDITOR');
  const { staffNotices } = await withStaffSession(event, () => staffQuery(event, StaffNoticesQuery, {}));
  return { notices: staffNotices };
};
