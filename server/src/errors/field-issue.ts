import type { ErrorCode } from './error-code.js';
import type { PasswordProblem } from './password-problem.js';

/**
 * The names that replace 【入力項目名】 in messages. A key, not a text: the i18n catalog renders it
 * in the request's language.
 */
export type ItemName =
  | 'name' | 'sex' | 'userClass' | 'birthDate' | 'residence' | 'newResidence' | 'residenceAddress' | 'newResidenceAddress'
  | 'phone' | 'newPhone' | 'email' | 'newEmail' | 'emailConfirmation' | 'newEmailConfirmation' | 'authId' | 'password'
  | 'passwordConfirmation'
  | 'newPassword' | 'currentPassword' | 'credentials'
  // the staff back office's items (its own error catalog: i18n/staff-error-messages.ts)
  | 'loginId' | 'staffName' | 'bureau' | 'roles' | 'totpCode' | 'passkey' | 'challengeId'
  // notices and the audit filter (staff.md "Notices", "Audit trail")
  | 'titleJa' | 'bodyJa' | 'titleEn' | 'bodyEn' | 'publishFrom' | 'publishUntil'
  | 'auditFrom' | 'auditTo' | 'staffId' | 'auditAction' | 'auditTarget' | 'requestId' | 'pageSize' | 'cursor'
  // the COE's items (modules/coe)
  | 'applicationNumber' | 'coeName' | 'nationality' | 'statusOfResidence' | 'organization'
  | 'coeNumber' | 'reason'
  // the staff operations on applicant accounts (modules/applicant-admin)
  | 'receptionNumber' | 'usageExpiresOn' | 'applicantStatus' | 'first' | 'decisionReason';

/** One problem with one input field, before it is rendered into a GraphQL FieldError. */
export interface FieldIssue<C extends string = ErrorCode> {
  /** the input field's name, e.g. `emailConfirmation`; `birthDate` for the three birth parts together */
  field: string;
  /** a code of the applicant catalog, or of the staff one (errors/staff-error-code.ts) */
  code: C;
  /** which item name fills 【入力項目名】 (only for codes whose text has it) */
  item?: ItemName;
  /** which password rules failed: the message then says so (the code stays WZBAM005E / PASSWORD_TOO_COMMON) */
  problems?: PasswordProblem[];
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
