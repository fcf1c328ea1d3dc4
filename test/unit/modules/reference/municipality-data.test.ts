import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DATA_DATE,
  findMunicipality,
  findPrefecture,
  isSelectableResidence,
  listPrefectures,
  searchMunicipalities,
} from '../../../../server/src/modules/reference/municipality-data.js';

const HOKKAIDO = '010006';
const TOKYO = '130001';
const KANAGAWA = '140007';

describe('prefectures', () => {
  it('lists the 47 prefectures in code order', () => {
    const list = listPrefectures();
    expect(list).toHaveLength(47);
    expect(list[0]).toEqual({ code: HOKKAIDO, name: '北海道', kana: 'ほっかいどう', nameEn: 'Hokkaido' });
    expect(list[46].name).toBe('沖縄県');
    expect(list.map((p) => p.code)).toEqual([...list.map((p) => p.code)].sort());
  });
  it('finds a prefecture by code', () => {
    expect(findPrefecture(TOKYO)?.name).toBe('東京都');
    expect(findPrefecture('999999')).toBeUndefined();
  });
  it('records the data date', () => {
    expect(DATA_DATE).toBe('2024-01-01');
  });
});

describe('selectable residences', () => {
  it('a designated city that has wards is not selectable; its wards are', () => {
    expect(isSelectableResidence('011002')).toBe(false); // 札幌市
    expect(isSelectableResidence('011011')).toBe(true); // 札幌市中央区
    expect(isSelectableResidence('141003')).toBe(false); // 横浜市
    expect(isSelectableResidence('141011')).toBe(true); // 横浜市鶴見区
  });
  it('a prefecture code is not selectable', () => {
    expect(isSelectableResidence(HOKKAIDO)).toBe(false);
    expect(isSelectableResidence(TOKYO)).toBe(false);
  });
  it('ordinary cities, towns, villages and Tokyo special wards are selectable', () => {
    expect(isSelectableResidence('131016')).toBe(true); // 千代田区
    expect(isSelectableResidence('012025')).toBe(true); // 函館市
    expect(isSelectableResidence('132012')).toBe(true); // 八王子市
  });
  it('unknown or malformed codes are not selectable', () => {
    for (const c of ['', '000000', '999999', '01101', '0110111', ' 011011', '011011 ', '０１１０１１']) {
      expect(isSelectableResidence(c), JSON.stringify(c)).toBe(false);
    }
  });
  it('a ward record carries city + ward name, kana and the full name with the prefecture', () => {
    expect(findMunicipality('011011')).toEqual({
      code: '011011',
      name: '札幌市中央区',
      kana: 'さっぽろしちゅうおうく',
      nameEn: 'Sapporo-shi Chuo-ku',
      prefectureCode: HOKKAIDO,
      fullName: '北海道札幌市中央区',
      fullKana: 'ほっかいどうさっぽろしちゅうおうく',
      fullNameEn: 'Sapporo-shi Chuo-ku, Hokkaido',
    });
  });
  it('a city record carries the city name', () => {
    expect(findMunicipality('131016')).toMatchObject({
      name: '千代田区',
      kana: 'ちよだく',
      nameEn: 'Chiyoda-ku',
      prefectureCode: TOKYO,
      fullName: '東京都千代田区',
      fullNameEn: 'Chiyoda-ku, Tokyo',
    });
    expect(findMunicipality('011002')).toBeUndefined();
  });
});

describe('searchMunicipalities', () => {
  it('without a search lists the whole prefecture in code order, wards instead of their designated city', () => {
    const all = searchMunicipalities(HOKKAIDO);
    expect(all.length).toBeGreaterThan(150);
    expect(all.every((m) => m.prefectureCode === HOKKAIDO)).toBe(true);
    expect(all.map((m) => m.code)).toEqual([...all.map((m) => m.code)].sort());
    expect(all.some((m) => m.code === '011002')).toBe(false);
    expect(all.filter((m) => m.name.startsWith('札幌市'))).toHaveLength(10);
    expect(searchMunicipalities(HOKKAIDO, '')).toEqual(all);
    expect(searchMunicipalities(HOKKAIDO, '  　')).toEqual(all);
    expect(searchMunicipalities(TOKYO, null)).toHaveLength(62);
  });
  it('finds by kana, hiragana or katakana (also half-width)', () => {
    const byHiragana = searchMunicipalities(HOKKAIDO, 'さっぽろ');
    expect(byHiragana.map((m) => m.code)).toContain('011011');
    expect(byHiragana).toHaveLength(10);
    expect(searchMunicipalities(HOKKAIDO, 'サッポロ')).toEqual(byHiragana);
    expect(searchMunicipalities(HOKKAIDO, 'ｻｯﾎﾟﾛ')).toEqual(byHiragana);
    expect(searchMunicipalities(HOKKAIDO, ' さっぽろしちゅうおう ').map((m) => m.code)).toEqual(['011011']);
  });
  it('finds by name and by full name', () => {
    expect(searchMunicipalities(HOKKAIDO, '中央区').map((m) => m.code)).toEqual(['011011']);
    expect(searchMunicipalities(HOKKAIDO, '函館').map((m) => m.name)).toEqual(['函館市']);
    expect(searchMunicipalities(HOKKAIDO, '北海道札幌市中央区').map((m) => m.code)).toEqual(['011011']);
    expect(searchMunicipalities(TOKYO, '千代田').map((m) => m.code)).toEqual(['131016']);
  });
  it('matches katakana in names via the hiragana fold (南アルプス市 by 南アルプス)', () => {
    const yamanashi = listPrefectures().find((p) => p.name === '山梨県')!.code;
    expect(searchMunicipalities(yamanashi, '南アルプス').map((m) => m.name)).toEqual(['南アルプス市']);
  });
  it('requires every space-separated term to match', () => {
    expect(searchMunicipalities(KANAGAWA, '横浜 鶴見').map((m) => m.name)).toEqual(['横浜市鶴見区']);
  });
  it('finds by romaji, any case, with or without the suffix (chiyoda, Kita, Kita-ku, KITA KU)', () => {
    expect(searchMunicipalities(TOKYO, 'chiyoda').map((m) => m.code)).toEqual(['131016']);
    expect(searchMunicipalities(TOKYO, 'Chiyoda-ku').map((m) => m.code)).toEqual(['131016']);
    for (const q of ['Kita', 'kita-ku', 'KITA KU', 'Kita Ku', 'kitaku', 'Kita City']) {
      expect(searchMunicipalities(TOKYO, q).map((m) => m.nameEn), q).toEqual(['Kita-ku']);
    }
    expect(searchMunicipalities(HOKKAIDO, 'sapporo-shi kita-ku').map((m) => m.code)).toEqual(['011029']);
  });
  it('finds romaji typed with or without long vowels and macrons (chuo, chuuo, chuou, chūō, Chuoh)', () => {
    for (const q of ['chuo', 'chuuo', 'chuou', 'chūō', 'CHŪŌ-KU', 'Chuoh', 'chûô']) {
      expect(searchMunicipalities(TOKYO, q).map((m) => m.code), q).toEqual(['131024']);
    }
    expect(searchMunicipalities(HOKKAIDO, 'sapporo chuuou').map((m) => m.code)).toEqual(['011011']);
    const niigata = listPrefectures().find((p) => p.nameEn === 'Niigata')!.code;
    for (const q of ['niigata', 'nigata', 'nīgata']) {
      expect(searchMunicipalities(niigata, q).map((m) => m.nameEn), q).toContain('Niigata-shi Kita-ku');
    }
  });
  it("finds older and passport spellings: m before b/m/p, n' or nn for ん, oh for a long o", () => {
    const kagawa = listPrefectures().find((p) => p.nameEn === 'Kagawa')!.code;
    for (const q of ["kan'onji", 'kanonji', 'kannonji', 'kan-onji']) {
      expect(searchMunicipalities(kagawa, q).map((m) => m.nameEn), q).toEqual(["Kan'onji-shi"]);
    }
    const chiba = listPrefectures().find((p) => p.nameEn === 'Chiba')!.code;
    expect(searchMunicipalities(chiba, 'sammu').map((m) => m.nameEn)).toEqual(['Sanmu-shi']);
    expect(searchMunicipalities(TOKYO, 'ohta').map((m) => m.nameEn)).toContain('Ota-ku');
  });
  it('finds by the prefecture in English, before or after the name, with or without -to/-fu/-ken', () => {
    expect(searchMunicipalities(TOKYO, 'Tokyo')).toHaveLength(62);
    expect(searchMunicipalities(TOKYO, 'tokyo chiyoda').map((m) => m.code)).toEqual(['131016']);
    expect(searchMunicipalities(TOKYO, 'Chiyoda-ku, Tokyo').map((m) => m.code)).toEqual(['131016']);
    expect(searchMunicipalities(TOKYO, 'tokyoto chiyoda').map((m) => m.code)).toEqual(['131016']);
    expect(searchMunicipalities(TOKYO, 'toukyou-to chiyoda-ku').map((m) => m.code)).toEqual(['131016']);
    const osaka = listPrefectures().find((p) => p.nameEn === 'Osaka')!.code;
    expect(searchMunicipalities(osaka, 'Osaka-fu Osaka-shi Kita-ku').map((m) => m.name)).toEqual(['大阪市北区']);
    expect(searchMunicipalities(osaka, 'tokyo')).toEqual([]);
  });
  it('mixes Japanese and romaji terms, each compared in its own script', () => {
    expect(searchMunicipalities(HOKKAIDO, '札幌 chuo').map((m) => m.code)).toEqual(['011011']);
    expect(searchMunicipalities(TOKYO, 'ｃｈｉｙｏｄａ').map((m) => m.code)).toEqual(['131016']);
  });
  it('searches only within the prefecture', () => {
    expect(searchMunicipalities(TOKYO, 'さっぽろ')).toEqual([]);
    expect(searchMunicipalities(TOKYO, 'sapporo')).toEqual([]);
  });
  it('gives [] for an unknown prefecture or a municipality code used as prefecture', () => {
    expect(searchMunicipalities('999999')).toEqual([]);
    expect(searchMunicipalities('011011')).toEqual([]);
    expect(searchMunicipalities('')).toEqual([]);
  });
  it('gives [] when nothing matches', () => {
    expect(searchMunicipalities(HOKKAIDO, '存在しない')).toEqual([]);
    expect(searchMunicipalities(TOKYO, 'chiyoda xyz')).toEqual([]);
  });
  it('returned lists cannot corrupt the data', () => {
    const list = listPrefectures();
    list.pop();
    expect(listPrefectures()).toHaveLength(47);
  });
});

describe('data file', () => {
  const file = JSON.parse(
    readFileSync(new URL('../../../../server/data/municipalities.json', import.meta.url), 'utf8'),
  ) as { dataDate: string; source: string; prefectures: unknown[]; municipalities: { code: string }[] };

  it('has the documented shape: 47 prefectures, 1,747 − 20 designated cities + 171 wards', () => {
    expect(file.dataDate).toBe('2024-01-01');
    expect(file.source).toMatch(/MIT/);
    expect(file.prefectures).toHaveLength(47);
    expect(file.municipalities).toHaveLength(1747 - 20 + 171);
    const codes = file.municipalities.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
  });
  it('ships the licence notice next to it', () => {
    const licence = readFileSync(new URL('../../../../server/data/LICENSE-local-gov-codes.txt', import.meta.url), 'utf8');
    expect(licence).toMatch(/MIT License/);
    expect(licence).toMatch(/ELASTIC Consultants/);
  });
});
