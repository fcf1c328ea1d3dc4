/**
 * Why a new password was refused, in words the user can act on (rules.md §3). The code of the field error stays the
 * manual's WZBAM005E (or PASSWORD_TOO_COMMON); these make its message say which rule failed. A key, not a text: the
 * i18n catalog renders it in the request's language (i18n/password-problem-messages.ts).
 */
export type PasswordProblem =
  /** fewer than `min` characters (`length` counts code points, as a person counts characters) */
  | { kind: 'tooShort'; length: number; min: number }
  /** more than `max` characters: an error, never truncated */
  | { kind: 'tooLong'; length: number; max: number }
  | { kind: 'noLetter' }
  | { kind: 'noDigit' }
  | { kind: 'noSymbol'; symbols: string }
  /** characters outside [A-Za-z0-9] and the symbols: the distinct ones, in the order they first appear */
  | { kind: 'notAllowed'; chars: string[] }
  /** the example the product itself shows next to the rules (or a variant of it): known to every attacker */
  | { kind: 'publishedExample' };
