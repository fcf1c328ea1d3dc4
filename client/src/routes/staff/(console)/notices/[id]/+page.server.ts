import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith } from '#lib/forms.js';
import { requireRole, requireStaff, withStaffSession } from '#lib/staff/server/staff-guard.js';
import { staffMutate, staffQuery } from '#lib/staff/server/staff-api.js';
import { previewNotice, saveNotice, tokyoInput } from '#lib/staff/server/notice-form.js';
import { StaffNoticesQuery, WithdrawNoticeMutation } from '#lib/staff/graphql/notices-audit.js';

/** お知らせの編集 (NOTICE_EDITOR): the editor with the notice's values, and 取り下げる through a confirmation step. */
export const load: PageServerLoad = async (event) => {
  const { staff } = await event.parent();
  requireRole(staff, 'NOTICE_EDITOR');
  const { staffNotices } = await withStaffSession(event, () => staffQuery(event, StaffNoticesQuery, {}));
  const notice = staffNotices.find((n) => n.id === event.params.id);
  if (!notice) error(404, 'NOTICE_NOT_FOUND');
  const done = event.url.searchParams.get('done');
  return {
    notice,
    values: {
      titleJa: notice.titleJa, bodyJa: notice.bodyJa, titleEn: notice.titleEn, bodyEn: notice.bodyEn,
      publishFrom: tokyoInput(notice.publishFrom), publishUntil: tokyoInput(notice.publishUntil),
    } as Record<string, string>,
    done: done === 'saved' || done === 'withdrawn' ? done : null,
  };
};

export const actions: Actions = {
  preview: async (event) => {
    requireRole(await requireStaff(event), 'NOTICE_EDITOR');
    return previewNotice(event);
  },
  save: (event) => saveNotice(event, event.params.id),
  confirmWithdraw: async (event) => {
    requireRole(await requireStaff(event), 'NOTICE_EDITOR');
    return { confirmWithdraw: true };
  },
  withdraw: async (event) => {
    const { withdrawNotice: result } = await withStaffSession(event, () => staffMutate(event, WithdrawNoticeMutation, { id: event.params.id }));
    if (result.__typename === 'NoticeSaved') redirect(303, `/staff/notices/${event.params.id}?done=withdrawn`);
    const { failure } = failWith({ code: result.code, message: result.message, fieldErrors: 'fieldErrors' in result ? result.fieldErrors : [] }, {}).data;
    return fail(400, { failure });
  },
};
