/**
 * Input normalization of rules.md §1: only what is unambiguous, applied before validation and shown back to the
 * user on the confirmation screen. Every helper takes `string | null | undefined` and returns a string
 * ('' when the value is absent). None of them validates.
 */

type Input = string | null | undefined;

/** C0 controls (incl. NUL, TAB, CR, LF), DEL, C1 controls. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` has a C0/C1 control character (incl. NUL and DEL) or a lone surrogate (not valid Unicode text). */
export function hasControlChars(s: Input): boolean {
  if (!s) return false;
  return CONTROL.test(s) || LONE_SURROGATE.test(s);
}

/** Number of Unicode code points (what a user counts as characters; an emoji is one). */
export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * 利用者氏名: NFKC (full-width → half-width), upper-case, trim, collapse runs of spaces (incl. U+3000) to one.
 * `ｈｏｕｍｕ　ｔａｒｏ` → `HOUMU TARO`. Only a–z are upper-cased: other letters are left for the validator to
 * reject rather than silently rewritten (`ß` would otherwise become `SS`).
 */
export function normalizeName(s: Input): string {
  if (!s) return '';
  return s
    .normalize('NFKC')
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/[\s\u3000]+/gu, ' ')
    .trim();
}

/** Digits-only fields (birth parts etc.): NFKC (`２０００` → `2000`), trim. */
export function normalizeDigits(s: Input): string {
  if (!s) return '';
  return s.normalize('NFKC').trim();
}

/** 生年月日 year / month / day: NFKC, trim (Gregorian year). */
export function normalizeBirthPart(s: Input): string {
  return normalizeDigits(s);
}

/** Half-width katakana and its half-width punctuation (｡｢｣､･ｦ…ﾝﾞﾟ), U+FF61–U+FF9F. */
const HALFWIDTH_KATAKANA_RUN = /[\uFF61-\uFF9F]+/g;
/** A kana followed by a combining (han)dakuten, e.g. か + U+3099 → が. */
const KANA_WITH_COMBINING_MARK = /[\u3041-\u309F\u30A1-\u30FF][\u3099\u309A]/g;
/** Space-like characters that become U+3000 (ASCII space, NBSP, the U+2000 spaces). */
const SPACE_LIKE = /[\u0020\u00A0\u2000-\u200A\u202F\u205F]/g;

/**
 * 住居地(町名丁目番地号等): half-width katakana → full-width (by NFKC, e.g. `ｶﾞ` → `ガ`), then every printable ASCII
 * character U+0021–U+007E → its full-width form U+FF01–U+FF5E (`1-1-1` → `１－１－１`), spaces → U+3000; trim.
 *
 * NFKC is applied to the half-width katakana (and to kana + combining sound marks), NOT to the whole string:
 * whole-string NFKC would turn JIS X 0208 characters into non-JIS ones (゛ → space + U+3099, ￣ → space + U+0304,
 * ￥ → ¥, … → ...) and would silently rewrite 外字 such as ① (→ 1) or ㈱ (→ (株)) instead of letting the validator
 * report them (WZBAM011E). Full-width ASCII is already full-width and stays as typed.
 */
export function normalizeResidenceAddress(s: Input): string {
  if (!s) return '';
  return s
    .replace(HALFWIDTH_KATAKANA_RUN, (run) => run.normalize('NFKC'))
    .replace(KANA_WITH_COMBINING_MARK, (pair) => pair.normalize('NFC'))
    .replace(SPACE_LIKE, '\u3000')
    .replace(/[\u0021-\u007E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .replace(/^\u3000+|\u3000+$/g, '');
}

/**
 * Dashes a phone number may be typed with that NFKC does not turn into `-`: hyphen U+2010, non-breaking hyphen
 * U+2011, figure dash U+2012, en/em dash U+2013/U+2014, horizontal bar U+2015, minus U+2212, katakana prolonged
 * sound mark U+30FC (ｰ U+FF70 becomes it under NFKC), small hyphen-minus / full-width ones become `-` anyway.
 */
const PHONE_SEPARATORS = /[-\s()\u2010-\u2015\u2212\u30FC]/gu;

/** 利用者連絡先: NFKC (`０３（１２３４）５６７８` → `03(1234)5678`), drop `-`, dashes, spaces, `(`, `)`. */
export function normalizePhone(s: Input): string {
  if (!s) return '';
  return s.normalize('NFKC').replace(PHONE_SEPARATORS, '');
}

/** メールアドレス: trim, NFKC (full-width letters/`＠` → ASCII). Case is kept (compare case-insensitively). */
export function normalizeEmail(s: Input): string {
  if (!s) return '';
  return s.trim().normalize('NFKC').trim();
}

/** 認証ID: trim, NFKC, lower-case (issued IDs are lower-case: `ABCDE12345` finds `abcde12345`). */
export function normalizeAuthId(s: Input): string {
  if (!s) return '';
  return s.trim().normalize('NFKC').trim().toLowerCase();
}
