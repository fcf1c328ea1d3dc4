import { fail } from '@sveltejs/kit';
import { ApiError } from '#lib/server/api.js';

export interface FieldErrorView {
  field: string;
  code: string;
  /** the full message, naming the item (at the field) */
  message: string;
  /** what is wrong in a few words, without the item (the error summary puts the field's label before it) */
  shortMessage: string;
}

/** What a failed form action returns to its page: the summary, every field error, and the values to keep. */
export interface FormFailure {
  summary: { code: string; message: string };
  errors: FieldErrorView[];
  /** the manual's 対応方法 where it says more than the message */
  remedy?: string;
  values: Record<string, string>;
  /** one error about these fields together (failAtFields): the summary says it once and links to the first */
  atFields?: boolean;
}

/** Keeps what the user typed (never passwords) so a failed submission loses nothing. */
export function keptValues(form: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string' || omit.includes(k) || /password/i.test(k)) continue;
    values[k] = v;
  }
  return values;
}

/** The form answer every refusal below takes: the summary line, the field errors, the values kept. */
function failure(status: number, error: { code: string; message: string }, errors: FieldErrorView[], values: Record<string, string>, extra: Partial<FormFailure> = {}) {
  const failure: FormFailure = { summary: { code: error.code, message: error.message }, errors, values, ...extra };
  return fail(status, { failure });
}

/** An InputValidationError (or any ErrorResult) → a 400 with the summary, field errors and kept values. */
export function failWith(
  error: { code: string; message: string; fieldErrors?: FieldErrorView[] | null },
  values: Record<string, string>,
  remedy?: string,
) {
  return failure(400, error, error.fieldErrors ?? [], values, remedy ? { remedy } : {});
}

/**
 * An error about particular fields as a whole (a wrong 認証ID/password pair, a wrong current password): each named
 * field gets the 「！」 and the message; the summary shows the message once, linking to the first (ErrorSummary).
 */
export function failAtFields(error: { code: string; message: string }, fields: string[], values: Record<string, string>) {
  const errors = fields.map((field) => ({ field, code: error.code, message: error.message, shortMessage: error.message }));
  return failure(400, error, errors, values, { atFields: true });
}

export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

/**
 * A request the API refused as rate-limited (top-level RATE_LIMITED) is shown like any form error, with the values
 * kept, instead of the system error page. Undefined for any other error, which the caller handles or rethrows.
 */
export function rateLimitedFailure(err: unknown, values: Record<string, string>) {
  if (!(err instanceof ApiError) || err.code !== 'RATE_LIMITED') return undefined;
  return failure(429, err, [], values);
}
