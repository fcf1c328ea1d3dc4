import { ApiError } from '#lib/server/api.js';
import type { FormFailure } from '#lib/forms.js';

/**
 * A query the API refused as BAD_REQUEST (a search filter or an audit range it cannot use): the form failure the page
 * shows, with the field errors when the API named them (extensions.fieldErrors) and the message otherwise. Undefined
 * for any other error, which the caller rethrows.
 */
export function badRequestFailure(err: unknown, values: Record<string, string>): FormFailure | undefined {
  if (!(err instanceof ApiError) || err.code !== 'BAD_REQUEST') return undefined;
  const raw = err.extensions.fieldErrors;
  const errors = Array.isArray(raw)
    ? raw.map((f: { field: string; code: string; message: string; shortMessage?: string }) => ({ field: f.field, code: f.code, message: f.message, shortMessage: f.shortMessage ?? f.message }))
    : [];
  return { summary: { code: String(err.extensions.reason ?? 'BAD_REQUEST'), message: errors.length ? errors[0].message : err.message }, errors, values };
}
