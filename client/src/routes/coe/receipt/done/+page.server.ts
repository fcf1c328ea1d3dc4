import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireAccount } from '#lib/server/session-guard.js';
import { RECEIPT_DONE_COOKIE } from '#lib/server/coe.js';
import { SESSION_DEPENDENCY } from '#lib/session-channel.js';

/** Screen 20 受領登録完了: the number from the flash cookie the confirmation set; opened without it, the list. */
export const load: PageServerLoad = async (event) => {
  event.depends(SESSION_DEPENDENCY);
  const { user, session } = await requireAccount(event);
  const number = event.cookies.get(RECEIPT_DONE_COOKIE);
  if (!number || !/^[A-Z]{2}\d{10}$/.test(number)) redirect(303, '/coe');
  return { user, session, number };
};
