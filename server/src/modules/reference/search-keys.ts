/**
 * How the residence search compares what a user typed with a place's names: both sides are folded with the same
 * function, so everything a fold merges matches either way.
 */

/** Japanese text: NFKC, katakana → hiragana, small ke (ゖ) → け, so `サッポロ`, `ｻｯﾎﾟﾛ` and `さっぽろ` all match. */
export function kanaKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u30A1-\u30F6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/\u3096/g, 'け');
}

/**
 * Romaji as people type it, folded to one spelling: `Chūō-ku`, `chuo ku`, `CHUUOU-KU`, `Chuoh-ku` → `chuoku`.
 *
 * - case, macrons and circumflexes (ū, û), and everything not a letter (hyphen, apostrophe, space, comma) go;
 * - passport-style long o (`oh` before a consonant or at the end: Ohta, Ohsaka) becomes o;
 * - m before b, m, p becomes n (Gumma, Namba, Sammu: the older Hepburn) and a doubled n one n (kannonji for
 *   Kan'onji);
 * - `cch` becomes `tch` (Kotchi and Kocchi);
 * - long vowels, written or not, become one vowel: oo/ou → o, uu → u, and aa, ii, ee too (Nīgata, Nigata and
 *   Niigata all match), so a user need not know which vowels of a name are long.
 *
 * Over-folding only ever adds matches (both sides lose the same distinctions); a search still has to match every term.
 * Each fold takes a pair, never a whole run: a run of one letter is no spelling of a name, and folding it to one
 * letter made a search for 10,000 a's match every name with an a in it.
 */
export function romajiKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/oh(?![aeiou])/g, 'o')
    .replace(/m(?=[bmp])/g, 'n')
    .replace(/nn/g, 'n')
    .replace(/cch/g, 'tch')
    .replace(/o[ou]/g, 'o')
    .replace(/([aeiu])\1/g, '$1');
}

/** True when a search term is written in Latin letters (then it is compared as romaji, otherwise as Japanese). */
export function isRomaji(term: string): boolean {
  return /[a-z]/i.test(term.normalize('NFKD'));
}

/**
 * English words that only say what kind of place it is ("Chiyoda City", "Sapporo Chuo Ward", "Osaka Prefecture"):
 * they are left out of a romaji search, since the names carry -shi/-ku/-machi/-cho/-mura/-son instead.
 */
export const PLACE_WORDS: ReadonlySet<string> = new Set(['city', 'ward', 'town', 'village', 'prefecture'].map(romajiKey));
