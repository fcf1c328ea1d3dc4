/**
 * What the strength guide under a new-password input can check in the browser (JavaScript only). The server decides
 * (rules.md §3, server/src/modules/password/password-policy.ts) and its answer names the rule that failed; this only
 * keeps the guide from praising a password that the server will refuse for a reason the page can know: the format
 * rules the `passwordPolicy` query serves, the 認証ID (when the page knows it), the current password (change form) and
 * the example the rule text shows (refused with its variants, as the server's common-password rule strips them).
 *
 * The common-password list itself (~49,000 entries) stays on the server, so this cannot know it: it never says
 * 強い unless everything it can check passes, and a word with digits and symbols added (the shape that rule strips
 * down to a list entry) is at most 普通. PasswordStrength.svelte then asks the server (`passwordCheck`) before it shows
 * any level, so a list entry this would call 強い is shown as refused instead.
 */
export type GuidePolicy = { minLength: number; maxLength: number; symbols: string; example: string };

export interface FormatCheck {
  rule: 'length' | 'letter' | 'digit' | 'symbol' | 'onlyAllowed';
  met: boolean;
}

/** A refusal known before submitting, beyond the format. */
export type KnownRefusal = 'example' | 'authId' | 'sameAsCurrent';

export type Guide =
  | { kind: 'unmet'; checks: FormatCheck[] }
  | { kind: 'refused'; checks: FormatCheck[]; reason: KnownRefusal }
  | { kind: 'strength'; checks: FormatCheck[]; level: 2 | 3 };

const escapeClass = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');

/** The forms compared with a list: lower-cased; without symbols; without symbols and trailing digits (≥ 4 long). */
function listedForms(password: string, symbols: string): string[] {
  const lower = password.toLowerCase();
  const withoutSymbols = lower.replace(new RegExp(`[${escapeClass(symbols)}]`, 'g'), '');
  const withoutTrailingDigits = withoutSymbols.replace(/[0-9]+$/, '');
  return [lower, ...[withoutSymbols, withoutTrailingDigits].filter((f) => f.length >= 4)];
}

export function passwordGuide(
  password: string,
  policy: GuidePolicy,
  known: { authId?: string; currentPassword?: string } = {},
): Guide {
  const symbol = escapeClass(policy.symbols);
  const length = [...password].length;
  const checks: FormatCheck[] = [
    { rule: 'length', met: length >= policy.minLength && length <= policy.maxLength },
    { rule: 'letter', met: /[A-Za-z]/.test(password) },
    { rule: 'digit', met: /[0-9]/.test(password) },
    { rule: 'symbol', met: new RegExp(`[${symbol}]`).test(password) },
    { rule: 'onlyAllowed', met: new RegExp(`^[A-Za-z0-9${symbol}]*$`).test(password) },
  ];
  if (!checks.every((c) => c.met)) return { kind: 'unmet', checks };

  const forms = listedForms(password, policy.symbols);
  const exampleForms = listedForms(policy.example, policy.symbols);
  if (forms.some((f) => exampleForms.includes(f))) return { kind: 'refused', checks, reason: 'example' };
  const authId = known.authId?.toLowerCase();
  if (authId && password.toLowerCase().includes(authId)) return { kind: 'refused', checks, reason: 'authId' };
  if (known.currentPassword && password === known.currentPassword) return { kind: 'refused', checks, reason: 'sameAsCurrent' };

  // 強い: mixed case and, once the symbols and trailing digits are taken away (what the common-password rule strips
  // before its look-up), at least 12 letters and digits that are not one word. Of the ~394,000 decorated common
  // passwords the unit test tries, this calls 43 強い that the list refuses (without the length of the core: 570);
  // PasswordStrength.svelte shows those as refused, from the server's answer.
  const mixedCase = /[a-z]/.test(password) && /[A-Z]/.test(password);
  const core = forms[forms.length - 1];
  const strong = mixedCase && core.length >= 12 && !/^[a-z]+$/.test(core);
  return { kind: 'strength', checks, level: strong ? 3 : 2 };
}
