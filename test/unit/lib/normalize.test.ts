import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  hasControlChars,
  normalizeAuthId,
  normalizeBirthPart,
  normalizeDigits,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeResidenceAddress,
} from '../../../server/src/lib/normalize.js';

describe('hasControlChars', () => {
  it('finds C0 controls incl. NUL, TAB, LF, and DEL and C1 controls', () => {
    for (const s of ['a\u0000b', '\u0001', 'a\tb', 'a\nb', 'a\rb', '\u001F', '\u007F', '\u0080', '\u0085', '\u009F']) {
      expect(hasControlChars(s), JSON.stringify(s)).toBe(true);
    }
  });
  it('finds lone surrogates (high without low, low without high)', () => {
    expect(hasControlChars('a\uD800')).toBe(true);
    expect(hasControlChars('\uD800a')).toBe(true);
    expect(hasControlChars('\uDC00')).toBe(true);
    expect(hasControlChars('a\uDFFFb')).toBe(true);
  });
  it('accepts ordinary text, full-width space, surrogate pairs and emoji', () => {
    for (const s of ['HOUMU TARO', '東京都　千代田区', '𠮷', '😀', '\u00A0', '~', '']) {
      expect(hasControlChars(s), JSON.stringify(s)).toBe(false);
    }
    expect(hasControlChars(null)).toBe(false);
    expect(hasControlChars(undefined)).toBe(false);
  });
});

describe('codePointLength', () => {
  it('counts code points', () => {
    expect(codePointLength('𠮷😀あ')).toBe(3);
    expect(codePointLength('')).toBe(0);
  });
});

describe('normalizeName', () => {
  it('turns full-width into half-width, upper-cases, collapses the ideographic space', () => {
    expect(normalizeName('ｈｏｕｍｕ　ｔａｒｏ')).toBe('HOUMU TARO');
  });
  it('trims and collapses runs of spaces (ASCII and U+3000 mixed)', () => {
    expect(normalizeName('  houmu   \u3000 taro  ')).toBe('HOUMU TARO');
    expect(normalizeName('Houmu Jiro Taro')).toBe('HOUMU JIRO TARO');
  });
  it('upper-cases only a–z; other letters stay for the validator to reject', () => {
    expect(normalizeName('straße')).toBe('STRAßE');
    expect(normalizeName('josé')).toBe('JOSé');
  });
  it('returns "" for absent values', () => {
    expect(normalizeName(null)).toBe('');
    expect(normalizeName(undefined)).toBe('');
    expect(normalizeName('　 ')).toBe('');
  });
});

describe('normalizeDigits / normalizeBirthPart', () => {
  it('NFKC and trim', () => {
    expect(normalizeDigits(' ２０００ ')).toBe('2000');
    expect(normalizeBirthPart('　０２　')).toBe('02');
    expect(normalizeBirthPart('1990')).toBe('1990');
    expect(normalizeBirthPart(null)).toBe('');
    expect(normalizeDigits(undefined)).toBe('');
  });
});

describe('normalizeResidenceAddress', () => {
  it('turns half-width ASCII into full-width: 1-1-1 → １－１－１ (hyphen becomes U+FF0D)', () => {
    expect(normalizeResidenceAddress('1-1-1')).toBe('１－１－１');
    expect(normalizeResidenceAddress('-').codePointAt(0)).toBe(0xff0d);
  });
  it('maps the whole printable ASCII range U+0021–U+007E to U+FF01–U+FF5E', () => {
    let ascii = '';
    let wide = '';
    for (let c = 0x21; c <= 0x7e; c++) {
      ascii += String.fromCharCode(c);
      wide += String.fromCharCode(c + 0xfee0);
    }
    expect(normalizeResidenceAddress(ascii)).toBe(wide);
  });
  it('turns the space into U+3000 and trims', () => {
    expect(normalizeResidenceAddress(' 霞が関 1-1 ABC ')).toBe('霞が関\u3000１－１\u3000ＡＢＣ');
    expect(normalizeResidenceAddress('\u3000霞が関\u3000')).toBe('霞が関');
  });
  it('turns half-width katakana into full-width, voiced marks composed', () => {
    expect(normalizeResidenceAddress('ｶﾞｰﾃﾞﾝﾋﾙｽﾞ101')).toBe('ガーデンヒルズ１０１');
    expect(normalizeResidenceAddress('ﾊﾟｰｸ･ｺｰﾄ｢A｣')).toBe('パーク・コート「Ａ」');
  });
  it('composes a kana followed by a combining sound mark', () => {
    expect(normalizeResidenceAddress('か\u3099')).toBe('が');
  });
  it('keeps full-width input as it is', () => {
    expect(normalizeResidenceAddress('千代田１－１－１　霞が関ビル２Ｆ')).toBe('千代田１－１－１　霞が関ビル２Ｆ');
  });
  it('does not rewrite JIS X 0208 characters that NFKC would break, nor 外字 that NFKC would hide', () => {
    // whole-string NFKC would turn these into non-JIS sequences or silently into other text
    for (const s of ['゛', '゜', '￣', '￥', '…', '℃', '①', '㈱', '髙']) {
      expect(normalizeResidenceAddress(s), s).toBe(s);
    }
  });
  it('returns "" for absent values', () => {
    expect(normalizeResidenceAddress(null)).toBe('');
    expect(normalizeResidenceAddress(undefined)).toBe('');
    expect(normalizeResidenceAddress('   ')).toBe('');
  });
});

describe('normalizePhone', () => {
  it('drops -, spaces and parentheses', () => {
    expect(normalizePhone('03-1234-5678')).toBe('0312345678');
    expect(normalizePhone('(03) 1234 5678')).toBe('0312345678');
  });
  it('NFKC: full-width digits, parentheses, hyphen and space', () => {
    expect(normalizePhone('０３（１２３４）５６７８')).toBe('0312345678');
    expect(normalizePhone('０９０－１２３４－５６７８')).toBe('09012345678');
    expect(normalizePhone('090　1234　5678')).toBe('09012345678');
  });
  it('drops the dashes NFKC leaves: minus, hyphen, en/em dash, bar, prolonged sound mark (full and half width)', () => {
    for (const dash of ['\u2212', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u30FC', '\uFF70']) {
      expect(normalizePhone(`090${dash}1234${dash}5678`), dash).toBe('09012345678');
    }
  });
  it('keeps anything else for the validator to reject', () => {
    expect(normalizePhone('+81 3 1234')).toBe('+8131234');
    expect(normalizePhone(null)).toBe('');
  });
});

describe('normalizeEmail', () => {
  it('trims and applies NFKC, keeping case', () => {
    expect(normalizeEmail('  Taro.Houmu@Example.JP ')).toBe('Taro.Houmu@Example.JP');
    expect(normalizeEmail('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toBe('taro@example.jp');
    expect(normalizeEmail('\u3000taro@example.jp\u3000')).toBe('taro@example.jp');
    expect(normalizeEmail(undefined)).toBe('');
  });
});

describe('normalizeAuthId', () => {
  it('trims, NFKC, lower-cases', () => {
    expect(normalizeAuthId(' ABCDE12345 ')).toBe('abcde12345');
    expect(normalizeAuthId('ＡＢＣＤＥ１２３４５')).toBe('abcde12345');
    expect(normalizeAuthId(null)).toBe('');
  });
});
