import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englishPlaceName, englishPrefectureName, romanize } from '../../../server/scripts/romanize.js';

describe('romanize (Hepburn, long vowels without macrons)', () => {
  it('writes long vowels once: おう/おお → o, うう → u; えい and いい stay', () => {
    expect(romanize('ちゅうおう')).toBe('chuo');
    expect(romanize('とうきょう')).toBe('tokyo');
    expect(romanize('おおさか')).toBe('osaka');
    expect(romanize('こおりやま')).toBe('koriyama');
    expect(romanize('ほっかいどう')).toBe('hokkaido');
    expect(romanize('じゅうじょう')).toBe('jujo');
    expect(romanize('せいか')).toBe('seika');
    expect(romanize('にいがた')).toBe('niigata');
  });
  it('doubles the consonant for っ, and っち is tch', () => {
    expect(romanize('さっぽろ')).toBe('sapporo');
    expect(romanize('べっぷ')).toBe('beppu');
    expect(romanize('くっちゃん')).toBe('kutchan');
    expect(romanize('はっちょうぼり')).toBe('hatchobori');
  });
  it("ん is n, also before b/m/p; before a vowel or y it is n'", () => {
    expect(romanize('ぐんま')).toBe('gunma');
    expect(romanize('なんば')).toBe('nanba');
    expect(romanize('かんおんじ')).toBe("kan'onji");
    expect(romanize('しんおんせん')).toBe("shin'onsen");
    expect(romanize('なんよう')).toBe("nan'yo");
    expect(romanize('しんじゅく')).toBe('shinjuku');
  });
  it('ぢ is ji and づ is zu; し/ち/つ/ふ are shi/chi/tsu/fu', () => {
    expect(romanize('おぢや')).toBe('ojiya');
    expect(romanize('みやづ')).toBe('miyazu');
    expect(romanize('ちぢわ')).toBe('chijiwa');
    expect(romanize('しちつふ')).toBe('shichitsufu');
  });
  it('refuses anything that is not a hiragana reading', () => {
    expect(() => romanize('チヨダ')).toThrow(/not a hiragana reading/);
    expect(() => romanize('千代田')).toThrow(/not a hiragana reading/);
    expect(() => romanize('')).toThrow(/not a hiragana reading/);
  });
});

describe('englishPlaceName', () => {
  it('capitalizes the name and keeps the suffix its reading gives, after a hyphen', () => {
    expect(englishPlaceName('千代田区', 'ちよだく')).toBe('Chiyoda-ku');
    expect(englishPlaceName('北区', 'きたく')).toBe('Kita-ku');
    expect(englishPlaceName('札幌市', 'さっぽろし')).toBe('Sapporo-shi');
    expect(englishPlaceName('倶知安町', 'くっちゃんちょう')).toBe('Kutchan-cho');
    expect(englishPlaceName('中之条町', 'なかのじょうまち')).toBe('Nakanojo-machi');
    expect(englishPlaceName('新庄村', 'しんじょうそん')).toBe('Shinjo-son');
    expect(englishPlaceName('三宅村', 'みやけむら')).toBe('Miyake-mura');
  });
  it('uses a place’s own spelling of a loanword', () => {
    expect(englishPlaceName('南アルプス市', 'みなみあるぷすし')).toBe('Minami-Alps-shi');
  });
  it('refuses a name without a known suffix or a reading that does not end with it', () => {
    expect(() => englishPlaceName('千代田', 'ちよだ')).toThrow(/does not end with 市, 区, 町 or 村/);
    expect(() => englishPlaceName('千代田区', 'ちよだ')).toThrow(/does not end with く/);
    expect(() => englishPlaceName('区', 'く')).toThrow(/does not end with/);
  });
});

describe('englishPrefectureName', () => {
  it('drops 都/府/県 (Hokkaido keeps its 道)', () => {
    expect(englishPrefectureName('東京都', 'とうきょうと')).toBe('Tokyo');
    expect(englishPrefectureName('北海道', 'ほっかいどう')).toBe('Hokkaido');
    expect(englishPrefectureName('大阪府', 'おおさかふ')).toBe('Osaka');
    expect(englishPrefectureName('京都府', 'きょうとふ')).toBe('Kyoto');
    expect(englishPrefectureName('兵庫県', 'ひょうごけん')).toBe('Hyogo');
    expect(englishPrefectureName('大分県', 'おおいたけん')).toBe('Oita');
  });
});

describe('the derived data file', () => {
  const file = JSON.parse(readFileSync(new URL('../../../server/data/municipalities.json', import.meta.url), 'utf8')) as {
    prefectures: { name: string; nameEn: string }[];
    municipalities: { code: string; name: string; kana: string; nameEn: string }[];
  };
  it('names all 47 prefectures the way they are known in English', () => {
    expect(file.prefectures.map((p) => p.nameEn)).toEqual([
      'Hokkaido', 'Aomori', 'Iwate', 'Miyagi', 'Akita', 'Yamagata', 'Fukushima', 'Ibaraki', 'Tochigi', 'Gunma',
      'Saitama', 'Chiba', 'Tokyo', 'Kanagawa', 'Niigata', 'Toyama', 'Ishikawa', 'Fukui', 'Yamanashi', 'Nagano', 'Gifu',
      'Shizuoka', 'Aichi', 'Mie', 'Shiga', 'Kyoto', 'Osaka', 'Hyogo', 'Nara', 'Wakayama', 'Tottori', 'Shimane',
      'Okayama', 'Hiroshima', 'Yamaguchi', 'Tokushima', 'Kagawa', 'Ehime', 'Kochi', 'Fukuoka', 'Saga', 'Nagasaki',
      'Kumamoto', 'Oita', 'Miyazaki', 'Kagoshima', 'Okinawa',
    ]);
  });
  it('gives every municipality an ASCII English name, wards after their city', () => {
    for (const m of file.municipalities) expect(m.nameEn, m.name).toMatch(/^[A-Z][a-z']*(-[A-Z][a-z]+)*-(shi|ku|machi|cho|mura|son)( [A-Z][a-z']*-ku)?$/);
    const byCode = new Map(file.municipalities.map((m) => [m.code, m]));
    expect(byCode.get('131016')?.nameEn).toBe('Chiyoda-ku');
    expect(byCode.get('131172')?.nameEn).toBe('Kita-ku');
    expect(byCode.get('011011')?.nameEn).toBe('Sapporo-shi Chuo-ku');
    expect(byCode.get('372056')?.nameEn).toBe("Kan'onji-shi");
  });
  it('corrects the source’s large ゃ/ゅ/ょ in readings (庄内町 is しょうない, Shonai)', () => {
    const byCode = new Map(file.municipalities.map((m) => [m.code, m]));
    expect(byCode.get('064289')).toMatchObject({ kana: 'しょうないまち', nameEn: 'Shonai-machi' });
    expect(byCode.get('473260')).toMatchObject({ kana: 'ちゃたんちょう', nameEn: 'Chatan-cho' });
    const suspicious = file.municipalities.filter((m) => /[しじちり][やゆよ]う/.test(m.kana));
    expect(suspicious.map((m) => `${m.name} ${m.kana}`)).toEqual([]);
  });
});
