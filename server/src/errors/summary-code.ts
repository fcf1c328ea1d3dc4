import type { ErrorCode } from './error-code.js';
import type { FieldIssue } from './field-issue.js';

/** Codes that mean "a required item is missing" (rules.md §1: WZBAM103E / WZBAM104E count as missing). */
export const MISSING_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['WZBAM001E', 'WZBAM103E', 'WZBAM104E']);

/**
 * The summary code of an InputValidationError (rules.md §1): WZBAM001E when any issue is a missing required item,
 * otherwise the one code all issues share, otherwise WZBAM018E. (An empty list has no summary; it yields
 * WZBAM018E rather than throwing.)
 */
export function summaryCode<C extends string = ErrorCode>(issues: readonly FieldIssue<C>[]): C | 'WZBAM001E' | 'WZBAM018E' {
  if (issues.some((i) => (MISSING_CODES as ReadonlySet<string>).has(i.code))) return 'WZBAM001E';
  const codes = new Set(issues.map((i) => i.code));
  if (codes.size === 1) return issues[0].code;
  return 'WZBAM018E';
}
