import type { ErrorCode } from './error-code.js';
import type { FieldIssue } from './field-issue.js';

/**
 * The codes of the staff surface (`/staff/graphql`, its own `ErrorCode` enum in staff.schema.graphql): the applicant
 * codes that staff forms share (a missing or malformed field, the password rules) and the back office's own. Kept
 * apart from the applicant catalog so that no staff code ever appears in the applicant contract (docs/decisions.md,
 * "Staff back office").
 */
export const SHARED_CODES = ['WZBAM001E', 'WZBAM005E', 'WZBAM018E', 'WZBAM160E', 'PASSWORD_TOO_COMMON', 'COE_NOT_FOUND'] as const satisfies readonly ErrorCode[];

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
  /** saveNotice / withdrawNotice: no notice with that id */
  'NOTICE_NOT_FOUND',
  /** a notice title over 100 characters */
  'NOTICE_TITLE_TOO_LONG',
  /** a notice body over 4,000 characters */
  'NOTICE_BODY_TOO_LONG',
  /** publishUntil not after publishFrom, or publishUntil without publishFrom */
  'NOTICE_WINDOW_INVALID',
  /** an audit filter whose `to` is not after its `from` */
  'AUDIT_RANGE_INVALID',
  /** auditEventsCsv: more events match than one download may hold (narrow the filter, or use npm run audit -- export) */
  'AUDIT_EXPORT_TOO_LARGE',
  /** a COE of this paper application (受付番号) exists already */
  'DUPLICATE_APPLICATION',
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
