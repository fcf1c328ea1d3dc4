import { describe, expect, it } from 'vitest';
import { PLACE_WORDS, isRomaji, kanaKey, romajiKey } from '../../../../server/src/modules/reference/search-keys.js';

describe('romajiKey', () => {
  it('drops case, marks and everything but letters', () => {
    expect(romajiKey('Chiyoda-ku')).toBe('chiyodaku');
    expect(romajiKey(" Kan'onji-shi, ")).toBe('kanonjishi');
    expect(romajiKey('ＣＨＩＹＯＤＡ')).toBe('chiyoda');
  });
  it('folds long vowels with macrons, circumflexes, doubled or ou-spelt, and the passport oh, to one vowel', () => {
    for (const s of ['chuo', 'chuuo', 'chuou', 'chuuou', 'chūō', 'chûô', 'CHŪŌ', 'chuoh', 'chuoo']) expect(romajiKey(s), s).toBe('chuo');
    expect(romajiKey('Tōkyō')).toBe(romajiKey('toukyou'));
    expect(romajiKey('Ohsaka')).toBe('osaka');
    expect(romajiKey('Niigata')).toBe(romajiKey('nigata'));
  });
  it('keeps an h that starts a syllable (Ohara is o-ha-ra)', () => {
    expect(romajiKey('Ohara')).toBe('ohara');
    expect(romajiKey('shiohama')).toBe('shiohama');
  });
  it('folds the older m before b/m/p, nn, and cch to the modern spelling', () => {
    expect(romajiKey('Gumma')).toBe(romajiKey('Gunma'));
    expect(romajiKey('Namba')).toBe('nanba');
    expect(romajiKey('Sampei')).toBe('sanpei');
    expect(romajiKey('kannonji')).toBe(romajiKey("kan'onji"));
    expect(romajiKey('kocchi')).toBe('kotchi');
  });
  it('is idempotent', () => {
    for (const s of ['Chūō-ku', 'Gumma', 'toukyou', "San'yo-Onoda", 'Ohta']) expect(romajiKey(romajiKey(s))).toBe(romajiKey(s));
  });
});

describe('kanaKey', () => {
  it('folds katakana (full- and half-width) to hiragana', () => {
    expect(kanaKey('サッポロ')).toBe('さっぽろ');
    expect(kanaKey('ｻｯﾎﾟﾛ')).toBe('さっぽろ');
  });
});

describe('isRomaji and PLACE_WORDS', () => {
  it('tells Latin-letter terms from Japanese ones', () => {
    expect(isRomaji('chiyoda')).toBe(true);
    expect(isRomaji('ｃｈｉｙｏｄａ')).toBe(true);
    expect(isRomaji('chūō')).toBe(true);
    expect(isRomaji('千代田')).toBe(false);
    expect(isRomaji('ちよだ')).toBe(false);
  });
  it('holds the English kinds of place, folded', () => {
    for (const w of ['City', 'WARD', 'town', 'Village', 'prefecture']) expect(PLACE_WORDS.has(romajiKey(w)), w).toBe(true);
    expect(PLACE_WORDS.has(romajiKey('ku'))).toBe(false);
  });
});
