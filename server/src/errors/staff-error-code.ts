import type { ErrorCode } from './error-code.js';
import type { FieldIssue } from './field-issue.js';

/**
 * The codes of the staff surface (`/staff/graphql`, its own `ErrorCode` enum in staff.schema.graphql): the applicant
 * codes that staff forms share (a missing or malformed field, the password rules) and the back office's own. Kept
 * apart from the applicant catalog so that no staff code ever appears in the applicant contract (docs/decisions.md,
 * "Staff back office").
 */
export const SHARED_CODES = ['WZBAM001E', 'WZBAM005E', 'WZBAM018E', 'WZBAM160E', 'PASSWORD_TOO_COMMON'] as const satisfies readonly ErrorCode[];

export const STAFF_ONLY_CODES = [
  /** wrong login ID or password (the same answer for both) */
  'STAFF_LOGIN_FAILED',
  /** five failed passwords or five failed second factors: locked for 30 minutes */
  'STAFF_ACCOUNT_LOCKED',
  /** a wrong or reused TOTP code, or a passkey assertion that did not verify */
  'STAFF_SECOND_FACTOR_FAILED',
  /** the challengeId between password and second factor is unknown, used or expired: start again */
  'STAFF_LOGIN_EXPIRED',
  /** STAFF_ALLOWED_NETWORKS does not include the caller */
  'STAFF_NETWORK_NOT_ALLOWED',
  /** an enrolment link that is unknown, used, expired or replaced by a newer one */
  'STAFF_LINK_INVALID',
  'STAFF_LOGIN_ID_TAKEN',
  'STAFF_TOTP_CODE_INVALID',
  'STAFF_PASSKEY_INVALID',
  'STAFF_NOT_FOUND',
  /** no one grants roles to themselves, disables themselves or resets their own second factor */
  'SELF_ACTION',
  /** the target is not in a state the operation applies to (e.g. disabling a disabled member) */
  'INVALID_STATE',
  /** no one decides their own approval request */
  'SELF_APPROVAL',
  /** no applicant account matches the 認証ID (or the name + birth date + e-mail of renotifyAuthId) */
  'APPLICANT_NOT_FOUND',
  /** decideApprovalRequest: no approval request has this id */
  'APPROVAL_REQUEST_NOT_FOUND',
] as const;

export const STAFF_ERROR_CODES = [...SHARED_CODES, ...STAFF_ONLY_CODES] as const;

export type StaffOnlyCode = (typeof STAFF_ONLY_CODES)[number];
export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number];
export type StaffFieldIssue = FieldIssue<StaffErrorCode>;

const STAFF_CODE_SET: ReadonlySet<string> = new Set(STAFF_ERROR_CODES);

/** Issues of the shared checks (the password policy) as staff issues; a code outside the staff catalog is a bug. */
export function asStaffIssues(issues: readonly FieldIssue[]): StaffFieldIssue[] {
  for (const issue of issues) {
    if (!STAFF_CODE_SET.has(issue.code)) throw new Error(`${issue.code} is not a code of the staff catalog`);
  }
  return issues as StaffFieldIssue[];
}
