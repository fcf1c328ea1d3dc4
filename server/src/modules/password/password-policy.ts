import { dictionary } from '@zxcvbn-ts/language-common';
import type { ErrorCode } from '../../errors/error-code.js';
import { codePointLength, hasControlChars } from '../../lib/normalize.js';
import type { FieldIssue, ItemName } from '../../errors/field-issue.js';
import type { PasswordProblem } from '../../errors/password-problem.js';

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

/** One character a password may hold: a half-width letter, digit or one of the symbols. */
const ALLOWED_CHAR = /^[A-Za-z0-9$%&=@_#+.?!]$/;
const SYMBOL = /[$%&=@_#+.?!]/;
const SYMBOLS_ALL = /[$%&=@_#+.?!]/g;
/** Shortest stripped form that is compared with the list (shorter fragments are too common to mean anything). */
const MIN_STRIPPED_LENGTH = 4;
/** At most this many distinct disallowed characters are kept for the message (a huge value has thousands). */
const MAX_NAMED_CHARS = 20;

/** The example password the rule text shows on every password screen (served by the `passwordPolicy` query). */
export const PASSWORD_EXAMPLE = 'Kasumi7$Seki';

/**
 * Passwords published as examples: ours (on screen) and the manual's two (`AB12345!`, `CD67890!`, printed in the public
 * manual's password description). Anyone guessing passwords tries them first, so they are refused like common ones.
 */
const PUBLISHED_EXAMPLES = [PASSWORD_EXAMPLE, 'AB12345!', 'CD67890!'];

let commonPasswords: Set<string> | undefined;
let publishedExamples: Set<string> | undefined;

/** The zxcvbn-ts common-password list (~49,000 entries, lower-case), as a Set built on first use. */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords;
}

/**
 * The forms of a password that are looked up in a list: lower-cased; without its symbols; without its symbols and
 * trailing digits — `Password1!` → `password1!`, `password1`, `password` (stripped forms only when at least 4 long).
 */
function listedForms(password: string): string[] {
  const lower = password.toLowerCase();
  const withoutSymbols = lower.replace(SYMBOLS_ALL, '');
  const withoutTrailingDigits = withoutSymbols.replace(/[0-9]+$/, '');
  return [lower, ...[withoutSymbols, withoutTrailingDigits].filter((f) => f.length >= MIN_STRIPPED_LENGTH)];
}

/**
 * True when the password is in the zxcvbn-ts common-password list, ignoring case, or is such a password
 * decorated with symbols and trailing digits: `Password1!` → `password1` / `password` (stripped forms count only
 * when at least 4 characters long).
 */
export function isCommonPassword(password: string): boolean {
  const set = commonPasswordSet();
  return listedForms(password).some((form) => set.has(form));
}

/** True for a published example or the same decorated otherwise: `kasumi7$seki`, `Kasumi7Seki!`, `Kasumi7$Seki99`. */
export function isPublishedExample(password: string): boolean {
  publishedExamples ??= new Set(PUBLISHED_EXAMPLES.flatMap(listedForms));
  const examples = publishedExamples;
  return listedForms(password).some((form) => examples.has(form));
}

/**
 * Every format rule the password breaks (rules.md §3), all at once so the user can fix them in one go: its length
 * (counted in characters as a person counts them; never truncated), a missing letter, digit or symbol, and the
 * characters that are not allowed (spaces, full-width characters, other symbols, control characters …). Empty when
 * the format is right.
 */
export function passwordProblems(password: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = codePointLength(password);
  if (length < PASSWORD_POLICY.minLength) problems.push({ kind: 'tooShort', length, min: PASSWORD_POLICY.minLength });
  else if (length > PASSWORD_POLICY.maxLength) problems.push({ kind: 'tooLong', length, max: PASSWORD_POLICY.maxLength });
  if (!/[A-Za-z]/.test(password)) problems.push({ kind: 'noLetter' });
  if (!/[0-9]/.test(password)) problems.push({ kind: 'noDigit' });
  if (!SYMBOL.test(password)) problems.push({ kind: 'noSymbol', symbols: PASSWORD_POLICY.symbols });
  const notAllowed = new Set<string>();
  for (const char of password) {
    if (notAllowed.size === MAX_NAMED_CHARS) break;
    if (!ALLOWED_CHAR.test(char)) notAllowed.add(char);
  }
  if (notAllowed.size) problems.push({ kind: 'notAllowed', chars: [...notAllowed] });
  return problems;
}

/** The format rule alone: 8–32 of [A-Za-z0-9] and the symbols, with at least one letter, one digit, one symbol. */
export function meetsPasswordFormat(password: string): boolean {
  return passwordProblems(password).length === 0;
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
 * Returns every issue: on the password field WZBAM001E (missing), WZBAM005E (format, with every broken rule in
 * `problems`), then — only for a well-formed password — PASSWORD_CONTAINS_AUTH_ID, PASSWORD_TOO_COMMON (a published
 * example: with the `publishedExample` problem), PASSWORD_SAME_AS_CURRENT; on the confirmation field
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

  const problems = pw === '' ? [] : passwordProblems(pw);
  if (pw === '') {
    issues.push({ field, code: 'WZBAM001E' });
  } else if (problems.length) {
    // also covers control characters, full-width characters, spaces and huge values: the problems name each rule
    issues.push({ field, code: 'WZBAM005E', item, problems });
  } else {
    const id = (authId ?? '').trim().toLowerCase();
    if (id !== '' && pw.toLowerCase().includes(id)) issues.push({ field, code: 'PASSWORD_CONTAINS_AUTH_ID', item });
    // the example shown on screen is refused by the common-password rule, with a message that says why
    if (isPublishedExample(pw)) issues.push({ field, code: 'PASSWORD_TOO_COMMON', item, problems: [{ kind: 'publishedExample' }] });
    else if (isCommonPassword(pw)) issues.push({ field, code: 'PASSWORD_TOO_COMMON', item });
    if (typeof currentPassword === 'string' && currentPassword !== '' && pw === currentPassword) {
      issues.push({ field, code: 'PASSWORD_SAME_AS_CURRENT', item });
    }
  }

  const conf = typeof confirmation === 'string' ? confirmation : '';
  if (conf === '') issues.push({ field: confirmationField, code: 'WZBAM001E' });
  else if (pw !== '' && conf !== pw) issues.push({ field: confirmationField, code: mismatchCode });

  return issues;
}
