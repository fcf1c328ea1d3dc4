import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { failWith, formString } from '#lib/forms.js';
import { withStaffSession } from './staff-guard';
import { staffMutate } from './staff-api';
import { SaveNoticeMutation } from '../graphql/notices-audit';

export const NOTICE_FIELDS = ['titleJa', 'bodyJa', 'titleEn', 'bodyEn', 'publishFrom', 'publishUntil'] as const;

export function noticeValues(form: FormData): Record<string, string> {
  return Object.fromEntries(NOTICE_FIELDS.map((f) => [f, formString(form, f)]));
}

/** Japan time as the editor types it: `YYYY-MM-DDTHH:MM` (the API reads it as Japan time). */
export function tokyoInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(Date.parse(iso) + 9 * 3600_000).toISOString();
  return t.slice(0, 16);
}

/** プレビュー: nothing is saved; the page shows the values as the top page would. */
export async function previewNotice(event: RequestEvent) {
  return { preview: noticeValues(await event.request.formData()) };
}

/** 保存する: saveNotice (a new one without id); errors back to the form with every value kept. */
export async function saveNotice(event: RequestEvent, id: string | null) {
  const values = noticeValues(await event.request.formData());
  const { saveNotice: result } = await withStaffSession(event, () => staffMutate(event, SaveNoticeMutation, { input: { ...(id ? { id } : {}), ...values } }));
  if (result.__typename === 'NoticeSaved') redirect(303, `/staff/notices/${result.notice.id}?done=saved`);
  const { failure } = failWith({ code: result.code, message: result.message, fieldErrors: 'fieldErrors' in result ? result.fieldErrors : [] }, values).data;
  return fail(400, { failure });
}
