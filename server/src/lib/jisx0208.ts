/**
 * The JIS X 0208 repertoire (the 外字 check of rules.md §1).
 *
 * Built once, at module load, by decoding every double-byte EUC-JP code of rows 1–8 and 16–84 with Node's
 * WHATWG `TextDecoder('euc-jp')`: row r, cell c is the byte pair (0xA0 + r, 0xA0 + c). Unassigned cells decode to
 * U+FFFD and are skipped. The result is exactly the 6,879 characters of JIS X 0208 (rows 9–15 and 85–94 are empty
 * in JIS X 0208; the NEC/IBM extensions of CP932 such as ①, ㈱, 髙, 﨑 are not in it).
 *
 * Shift_JIS/CP932 round-tripping is NOT used: it would accept those CP932 extensions.
 */

/** Number of characters in the JIS X 0208 repertoire. */
export const JIS_X_0208_SIZE = 6879;

/**
 * Characters that have two common Unicode mappings. The WHATWG decoder yields the first form of each pair
 * (the CP932 / Windows mapping); the second (the JIS / Mac / ISO-2022-JP mapping) is accepted too.
 */
export const JIS_X_0208_ALTERNATES: ReadonlyArray<readonly [decoded: string, alternate: string]> = [
  ['\uFF5E', '\u301C'], // ～ FULLWIDTH TILDE / 〜 WAVE DASH
  ['\uFF0D', '\u2212'], // － FULLWIDTH HYPHEN-MINUS / − MINUS SIGN
  ['\u2225', '\u2016'], // ∥ PARALLEL TO / ‖ DOUBLE VERTICAL LINE
  ['\uFFE0', '\u00A2'], // ￠ / ¢
  ['\uFFE1', '\u00A3'], // ￡ / £
  ['\uFFE2', '\u00AC'], // ￢ / ¬
  ['\u2015', '\u2014'], // ― HORIZONTAL BAR / — EM DASH
];

function buildRepertoire(): ReadonlySet<string> {
  const decoder = new TextDecoder('euc-jp');
  const chars = new Set<string>();
  const bytes = new Uint8Array(2);
  for (let row = 1; row <= 84; row++) {
    if (row > 8 && row < 16) continue;
    for (let cell = 1; cell <= 94; cell++) {
      bytes[0] = 0xa0 + row;
      bytes[1] = 0xa0 + cell;
      const ch = decoder.decode(bytes);
      if (ch === '\uFFFD' || [...ch].length !== 1) continue;
      chars.add(ch);
    }
  }
  if (chars.size !== JIS_X_0208_SIZE) {
    // a different ICU / decoder table would make the 外字 check wrong: refuse to start rather than guess
    throw new Error(`JIS X 0208 table has ${chars.size} characters, expected ${JIS_X_0208_SIZE}`);
  }
  return chars;
}

const REPERTOIRE = buildRepertoire();
const ACCEPTED: ReadonlySet<string> = new Set([...REPERTOIRE, ...JIS_X_0208_ALTERNATES.map(([, alt]) => alt)]);

/** The 6,879 characters as decoded (without the alternates); for tests and diagnostics. */
export function jisX0208Repertoire(): ReadonlySet<string> {
  return REPERTOIRE;
}

/** True when `ch` is one JIS X 0208 character (either form of a doubly-mapped one). */
export function isJisX0208Char(ch: string): boolean {
  return ACCEPTED.has(ch);
}

/**
 * The characters of `s` outside JIS X 0208, in order, iterating by code point (a surrogate pair / emoji counts as
 * one character; a lone surrogate is one non-JIS character). Duplicates are kept.
 */
export function nonJisX0208Chars(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    if (!ACCEPTED.has(ch)) out.push(ch);
  }
  return out;
}
