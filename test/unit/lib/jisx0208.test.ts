import { describe, expect, it } from 'vitest';
import {
  JIS_X_0208_ALTERNATES,
  JIS_X_0208_SIZE,
  isJisX0208Char,
  jisX0208Repertoire,
  nonJisX0208Chars,
} from '../../../server/src/lib/jisx0208.js';

describe('JIS X 0208 repertoire', () => {
  it('has exactly 6,879 characters', () => {
    expect(JIS_X_0208_SIZE).toBe(6879);
    expect(jisX0208Repertoire().size).toBe(6879);
  });

  it('holds one code point per entry and no U+FFFD', () => {
    expect([...jisX0208Repertoire()].filter((ch) => [...ch].length !== 1)).toEqual([]);
    expect(isJisX0208Char('\uFFFD')).toBe(false);
  });

  it('has no ASCII or half-width katakana (those are JIS X 0201, not 0208)', () => {
    for (const ch of ['A', '1', '-', ' ', '~', 'ｱ', 'ｶ', 'ﾞ']) expect(isJisX0208Char(ch)).toBe(false);
  });

  it('accepts characters of every region: symbols, digits, kana, Greek, Cyrillic, box drawing, level 1 and 2 kanji', () => {
    // row 1 symbols, row 3 full-width alnum, rows 4/5 kana, 6 Greek, 7 Cyrillic, 8 box drawing, 16 first kanji,
    // 47 last level-1 kanji (腕), 48 first level-2 (弌), 84 last cells (堯 槇 遙 瑤)
    for (const ch of '　、。゛゜・ー～＼￥￣＠１Ａｚぁんァヶαωая─╂亜腕弌熙堯槇遙瑤') {
      expect(isJisX0208Char(ch), ch).toBe(true);
    }
  });

  it('rejects the CP932 (NEC / IBM) extensions and other non-JIS characters', () => {
    for (const ch of ['①', '㈱', '髙', '﨑', 'Ⅰ', '㍉', '№', '∑', '¥', '\\', '𠮷', '😀', 'é', '한']) {
      expect(isJisX0208Char(ch), ch).toBe(false);
    }
  });

  it('accepts both Unicode forms of the doubly-mapped characters', () => {
    const pairs = [
      ['～', '〜'], ['－', '−'], ['∥', '‖'], ['￠', '¢'], ['￡', '£'], ['￢', '¬'], ['―', '—'],
    ];
    for (const [a, b] of pairs) {
      expect(isJisX0208Char(a), a).toBe(true);
      expect(isJisX0208Char(b), b).toBe(true);
    }
    // the alternates are additions: the decoder itself yields only the first form
    for (const [decoded, alt] of JIS_X_0208_ALTERNATES) {
      expect(jisX0208Repertoire().has(decoded)).toBe(true);
      expect(jisX0208Repertoire().has(alt)).toBe(false);
    }
  });

  it('nonJisX0208Chars lists the offending characters in order, by code point', () => {
    expect(nonJisX0208Chars('東京都千代田区霞が関１－１－１')).toEqual([]);
    expect(nonJisX0208Chars('髙田①丁目')).toEqual(['髙', '①']);
    // a surrogate pair (𠮷 U+20BB7, an emoji) is ONE character, not two halves
    expect(nonJisX0208Chars('𠮷野家')).toEqual(['𠮷']);
    expect(nonJisX0208Chars('あ😀い👍🏽')).toEqual(['😀', '👍', '🏽']);
    expect(nonJisX0208Chars('a')).toEqual(['a']);
    expect(nonJisX0208Chars('')).toEqual([]);
  });

  it('treats a lone surrogate as one non-JIS character', () => {
    expect(nonJisX0208Chars('あ\uD842い')).toEqual(['\uD842']);
  });

  it('isJisX0208Char is false for strings that are not exactly one character', () => {
    expect(isJisX0208Char('')).toBe(false);
    expect(isJisX0208Char('あい')).toBe(false);
  });
});
