import { errorMessage, fieldMessages } from '../../../../../server/src/i18n/error-messages';
import type { Locale } from '#lib/i18n/index.js';
import { formString } from '#lib/forms.js';
import { BUREAUS, ROLES } from '../i18n/console';

/** A staff member form as typed: the values to send, and to keep (roles as a comma list) after an error. */
export function memberValues(form: FormData) {
  const roles = form.getAll('roles').filter((r): r is string => typeof r === 'string');
  return {
    input: { loginId: formString(form, 'loginId'), name: formString(form, 'name'), bureau: formString(form, 'bureau'), roles },
    kept: { loginId: formString(form, 'loginId'), name: formString(form, 'name'), bureau: formString(form, 'bureau'), roles: roles.join(',') },
  };
}

/** The roles and bureaus offered, in the order staff.md lists them. */
export const ROLE_CHOICES = ROLES;
export const BUREAU_CHOICES = BUREAUS;

/**
 * The fields left empty, as the API itself would word them (WZBAM001E, the server's own texts: same process, same
 * repository, as hooks.server.ts shares the language rule), so that the confirmation step never shows an empty form
 * as if it were complete. Whether a filled value is valid (an address, a login ID taken) is the API's to say when the
 * form is sent.
 */
const CHOICES = new Set(['bureau', 'roles']);
const CHOOSE = { ja: '選択してください。', en: 'Please choose one.' };

export function missingFields(values: Record<string, string>, fields: string[], locale: Locale) {
  const empty = fields.filter((f) => !(values[f] ?? '').trim());
  if (!empty.length) return null;
  return {
    code: 'WZBAM001E',
    message: errorMessage('WZBAM001E', locale),
    fieldErrors: empty.map((field) => {
      const texts = fieldMessages({ field, code: 'WZBAM001E' }, locale);
      // a list or boxes are chosen from, as the applicant side says of 性別 and 利用者の区分
      return { field, code: 'WZBAM001E', ...texts, ...(CHOICES.has(field) ? { shortMessage: CHOOSE[locale] } : {}) };
    }),
  };
}
