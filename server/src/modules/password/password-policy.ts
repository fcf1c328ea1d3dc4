import { dictionary } from '@zxcvbn-ts/language-common';
import type { ErrorCode } from '../../errors/error-code.js';
import { hasControlChars } from '../../lib/normalize.js';
import type { FieldIssue, ItemName } from '../../errors/field-issue.js';

/** rules.md §3 (also served to clients by the `passwordPolicy` query so they show the same rule text). */
export const PASSWORD_POLICY = {
  minLength: 8,
  maxLength: 32,
  symbols: '$%&=@_#+.?!',
} as const;

/** What a password field takes before anything else looks at it: 4 × its limit (rules.md §1). */
const PASSWORD_CAP = 4 * PASSWORD_POLICY.maxLength;

/** rules.md §1's pre-check of a password field: control characters or more than 4 × the limit, refused before any other work. */
export function refusedUpfront(password: string): boolean {
  return password.length > PASSWORD_CAP || hasControlChars(password);
}

const ALLOWED = /^[A-Za-z0-9$%&=@_#+.?!]*$/;
const SYMBOL = /[$%&=@_#+.?!]/;
const SYMBOLS_ALL = /[$%&=@_#+.?!]/g;
/** Shortest stripped form that is compared with the list (shorter fragments are too common to mean anything). */
const MIN_STRIPPED_LENGTH = 4;

let commonPasswords: Set<string> | undefined;

/** The zxcvbn-ts common-password list (~49,000 entries, lower-case), as a Set built on first use. */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords;
}

/**
 * True when the password is in the zxcvbn-ts common-password list, ignoring case, or is such a password
 * decorated with symbols and trailing digits: `Password1!` → `password1` / `password` (stripped forms count only
 * when at least 4 characters long).
 */
export function isCommonPassword(password: string): boolean {
  const set = commonPasswordSet();
  const lower = password.toLowerCase();
  if (set.has(lower)) return true;
  const withoutSymbols = lower.replace(SYMBOLS_ALL, '');
  if (withoutSymbols.length >= MIN_STRIPPED_LENGTH && set.has(withoutSymbols)) return true;
  const withoutTrailingDigits = withoutSymbols.replace(/[0-9]+$/, '');
  return withoutTrailingDigits.length >= MIN_STRIPPED_LENGTH && set.has(withoutTrailingDigits);
}

/** The format rule alone: 8–32 of [A-Za-z0-9] and the symbols, with at least one letter, one digit, one symbol. */
export function meetsPasswordFormat(password: string): boolean {
  return (
    password.length >= PASSWORD_POLICY.minLength &&
    password.length <= PASSWORD_POLICY.maxLength &&
    ALLOWED.test(password) &&
    /[A-Za-z]/.test(password) &&
    /[0-9]/.test(password) &&
    SYMBOL.test(password)
  );
}

export interface NewPasswordInput {
  password: string | null | undefined;
  confirmation: string | null | undefined;
  /** the account's 認証ID; the password may not contain it (case-insensitive) */
  authId?: string | null;
  /** when changing: the current password, which the new one may not equal */
  currentPassword?: string | null;
  /** the input field of the new password: `password` (set from a link) or `newPassword` (change form) */
  field?: string;
  confirmationField?: string;
  /** WZBAM160E (パスワード(再入力), set from a link) or WZBAM162E (パスワード(確認), change form) */
  mismatchCode?: ErrorCode;
}

/**
 * Checks a new password and its confirmation (rules.md §3). The password is never trimmed and never changes case.
 * Returns every issue: on the password field WZBAM001E (missing), WZBAM005E (format), then — only for a well-formed
 * password — PASSWORD_CONTAINS_AUTH_ID, PASSWORD_TOO_COMMON, PASSWORD_SAME_AS_CURRENT; on the confirmation field
 * WZBAM001E (missing) or `mismatchCode`.
 */
export function checkNewPassword({
  password,
  confirmation,
  authId,
  currentPassword,
  field = 'password',
  confirmationField = 'passwordConfirmation',
  mismatchCode = 'WZBAM160E',
}: NewPasswordInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const item: ItemName = field === 'newPassword' ? 'newPassword' : 'password';
  const pw = typeof password === 'string' ? password : '';

  if (pw === '') {
    issues.push({ field, code: 'WZBAM001E' });
  } else if (!meetsPasswordFormat(pw)) {
    // also covers control characters, full-width characters, spaces and huge values (length check first)
    issues.push({ field, code: 'WZBAM005E', item });
  } else {
    const id = (authId ?? '').trim().toLowerCase();
    if (id !== '' && pw.toLowerCase().includes(id)) issues.push({ field, code: 'PASSWORD_CONTAINS_AUTH_ID', item });
    if (isCommonPassword(pw)) issues.push({ field, code: 'PASSWORD_TOO_COMMON', item });
    if (typeof currentPassword === 'string' && currentPassword !== '' && pw === currentPassword) {
      issues.push({ field, code: 'PASSWORD_SAME_AS_CURRENT', item });
    }
  }

  const conf = typeof confirmation === 'string' ? confirmation : '';
  if (conf === '') issues.push({ field: confirmationField, code: 'WZBAM001E' });
  else if (pw !== '' && conf !== pw) issues.push({ field: confirmationField, code: mismatchCode });

  return issues;
}
