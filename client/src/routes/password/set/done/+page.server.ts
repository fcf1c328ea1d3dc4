import type { PageServerLoad } from './$types';
import { PASSWORD_SET_COOKIE } from '$lib/server/password-set';

/** The completion page: the 認証ID comes from the flash cookie the set-password action wrote; reading re-submits nothing. */
export const load: PageServerLoad = ({ cookies }) => ({ authId: cookies.get(PASSWORD_SET_COOKIE) ?? null });
