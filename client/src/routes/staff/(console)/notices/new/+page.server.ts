import type { Actions, PageServerLoad } from './$types';
import { requireRole, requireStaff } from '#lib/staff/server/staff-guard.js';
import { previewNotice, saveNotice } from '#lib/staff/server/notice-form.js';

/** お知らせの作成 (NOTICE_EDITOR). */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'NOTICE_EDITOR');
  return {};
};

export const actions: Actions = {
  preview: async (event) => {
    requireRole(await requireStaff(event), 'NOTICE_EDITOR');
    return previewNotice(event);
  },
  save: (event) => saveNotice(event, null),
};
