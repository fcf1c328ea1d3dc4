import type { Cookies } from '@sveltejs/kit';
import type { UpdateUserInput } from '#lib/graphql/generated/graphql.js';
import { runtimeConfig } from './runtime-config';

/**
 * Screens 7–13 (user information, password change, forgot password): the change form's fields and the short-lived
 * HttpOnly "flash" cookies that carry a result to its completion page. A completion page never takes an address from
 * the URL (history, logs, Referer); each cookie is scoped to the one page that reads it.
 */

/** /account/updated: the address the completion mail went to, or NO_MAIL when only the residence or phone changed. */
export const ACCOUNT_UPDATED_COOKIE = 'account_updated';
/** /account/password/done: that this browser just changed the password (the address comes from `me`). */
export const PASSWORD_CHANGED_COOKIE = 'password_changed';
/** /password/forgot/sent: the address the reset link went to. */
export const RESET_REQUESTED_COOKIE = 'password_reset_requested';
/** /login: why the session ended (five wrong current passwords on the password change page). */
export const LOGIN_NOTICE_COOKIE = 'login_notice';

/** The flash value of a change that sent no mail (never an e-mail address: it has no @). */
export const NO_MAIL = '-';

const FLASH_SECONDS = 15 * 60;

/**
 * Sets a flash cookie for one page. It is not deleted on the first read, so reloading the completion page (or Back
 * then Forward) shows the same thing; it expires after 15 minutes.
 */
export function setFlash(cookies: Cookies, name: string, value: string, path: string, maxAge = FLASH_SECONDS): void {
  cookies.set(name, value, { path, httpOnly: true, secure: runtimeConfig().secureCookies, sameSite: 'lax', maxAge });
}

export function clearFlash(cookies: Cookies, name: string, path: string): void {
  cookies.delete(name, { path, httpOnly: true, secure: runtimeConfig().secureCookies, sameSite: 'lax' });
}

/** The change form's fields, in form order (UpdateUserInput). */
export const UPDATE_FIELDS = ['residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation'] as const;

export type UpdateValues = Partial<Record<(typeof UPDATE_FIELDS)[number], string>>;

/**
 * The values as entered. `residenceCode` may appear twice (the hidden input, then the 選択 button of the search panel
 * that submitted the form): the last one wins.
 */
export function updateValues(form: FormData): UpdateValues {
  const values: UpdateValues = {};
  for (const field of UPDATE_FIELDS) {
    const v = form.getAll(field).filter((x): x is string => typeof x === 'string').at(-1);
    if (v !== undefined && v !== '') values[field] = v;
  }
  return values;
}

/** Empty means "no change": the API gets null for every field left blank. */
export function updateInput(values: UpdateValues): UpdateUserInput {
  return {
    residenceCode: values.residenceCode ?? null,
    residenceAddress: values.residenceAddress ?? null,
    phone: values.phone ?? null,
    email: values.email ?? null,
    emailConfirmation: values.emailConfirmation ?? null,
  };
}
