import { formString } from '#lib/forms.js';
import type { Locale } from '#lib/i18n/index.js';
import { missingFields } from './member-form';

/** The COE's own fields, as the issue and the reissue forms send them (docs/spec/coe.md "Staff API"). */
export const COE_FIELDS = ['name', 'nationality', 'birthDate', 'sex', 'statusOfResidence', 'organization'] as const;
/** The issue form's fields: the application number besides the COE's own. */
export const ISSUE_FIELDS = ['applicationNumber', ...COE_FIELDS] as const;
const REQUIRED = ['applicationNumber', 'name', 'nationality', 'birthDate', 'sex', 'statusOfResidence'];

/** The form's values as typed (kept after an error, shown on the confirmation step). */
export function coeValues(form: FormData, fields: readonly string[] = ISSUE_FIELDS): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, formString(form, f)]));
}

/**
 * The required fields left empty, worded as the API words them (WZBAM001E), so that the confirmation step never
 * shows an incomplete COE; whether a filled value is valid is the API's to say when the form is sent.
 */
export function missingCoeFields(values: Record<string, string>, locale: Locale, required: readonly string[] = REQUIRED) {
  return missingFields(values, [...required], locale);
}
