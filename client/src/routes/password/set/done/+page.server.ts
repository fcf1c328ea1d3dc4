import type { PageServerLoad } from './$types';
import { PASSWORD_SET_COOKIE } from '#lib/server/password-set.js';

/**
 * The completion page: the link's purpose and the 認証ID come from the flash cookie the set-password action wrote
 * (`PURPOSE:authId`); reading re-submits nothing. パスワード登録完了 or パスワード再設定完了 by the purpose.
 */
export const load: PageServerLoad = ({ cookies }) => {
  const held = cookies.get(PASSWORD_SET_COOKIE) ?? '';
  const [purpose, authId] = held.includes(':') ? held.split(':', 2) : ['FIRST_PASSWORD', held];
  return { authId: authId || null, reset: purpose === 'RESET' };
};
