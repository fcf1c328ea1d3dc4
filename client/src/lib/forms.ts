import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api';

export interface FieldErrorView {
  field: string;
  code: string;
  message: string;
}

/** What a failed form action returns to its page: the summary, every field error, and the values to keep. */
export interface FormFailure {
  summary: { code: string; message: string };
  errors: FieldErrorView[];
  /** the manual's 対応方法 where it says more than the message */
  remedy?: string;
  values: Record<string, string>;
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

/** An InputValidationError (or any ErrorResult) → a 400 with the summary, field errors and kept values. */
export function failWith(
  error: { code: string; message: string; fieldErrors?: FieldErrorView[] | null },
  values: Record<string, string>,
  remedy?: string,
) {
  const failure: FormFailure = {
    summary: { code: error.code, message: error.message },
    errors: error.fieldErrors ?? [],
    values,
    ...(remedy ? { remedy } : {}),
  };
  return fail(400, { failure });
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
  const failure: FormFailure = { summary: { code: err.code, message: err.message }, errors: [], values };
  return fail(429, { failure });
}
