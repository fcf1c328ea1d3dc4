/**
 * Derives the product's own municipality data file from the 全国地方公共団体コード dataset kept in the repository.
 *
 *   npm run data:municipalities
 *
 * Reads   server/data/source/local-gov-codes/index.json (+ LICENSE.txt): a verbatim copy of the source list
 * Writes  server/data/municipalities.json, server/data/LICENSE-local-gov-codes.txt
 *
 * The English names (`nameEn`) are made here from the readings (./romanize.ts, with wanakana); the running product
 * reads the finished file and needs neither.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { englishPlaceName, englishPrefectureName } from './romanize.js';

const DATA_DATE = '2024-01-01';
const SOURCE =
  '総務省「全国地方公共団体コード」(令和6年1月1日現在), compiled as JSON by local-gov-code-jp ' +
  '(Copyright (c) 2018 ELASTIC Consultants Inc., MIT licence; see LICENSE-local-gov-codes.txt)';

interface SourceEntry {
  type: 'prefecture' | 'city' | 'ward';
  code: string;
  name: string;
  kana: string;
  pref_code: string;
  pref_name: string;
  pref_kana: string;
  city_code?: string;
  city_name?: string;
  city_kana?: string;
  ward_code?: string;
  ward_name?: string;
  ward_kana?: string;
}

interface OutPrefecture { code: string; name: string; kana: string; nameEn: string }
interface OutMunicipality {
  code: string;
  name: string;
  kana: string;
  /** `Chiyoda-ku`; a designated city's ward: `Sapporo-shi Chuo-ku` */
  nameEn: string;
  prefectureCode: string;
  fullName: string;
  fullKana: string;
}

const repoRoot = new URL('../../', import.meta.url);
const sourceDir = new URL('server/data/source/local-gov-codes/', repoRoot);
const outDir = new URL('server/data/', repoRoot);

function fail(message: string): never {
  throw new Error(`derive-municipalities: ${message}`);
}

function required(entry: SourceEntry, key: keyof SourceEntry): string {
  const value = entry[key];
  if (typeof value !== 'string' || value === '') fail(`entry ${entry.code} (${entry.type}) lacks ${key}`);
  return value;
}

/**
 * Readings the source list spells with a large ゃ/ゅ/ょ where the name has a small one (しようない for しょうない):
 * the kana, the furigana and the English name (Shonai-machi, not Shiyonai-machi) all need the right one. Keyed by
 * code: [the source's reading, the right one]. The script stops when the source no longer has the wrong reading,
 * so a corrected list shows which entries to drop.
 */
const READING_CORRECTIONS: Record<string, [string, string]> = {
  '064289': ['しようないまち', 'しょうないまち'], // 山形県庄内町 Shonai
  '104213': ['なかのじようまち', 'なかのじょうまち'], // 群馬県中之条町 Nakanojo
  '112062': ['ぎようだし', 'ぎょうだし'], // 埼玉県行田市 Gyoda
  '112119': ['ほんじようし', 'ほんじょうし'], // 埼玉県本庄市 Honjo
  '112160': ['はにゆうし', 'はにゅうし'], // 埼玉県羽生市 Hanyu
  '124036': ['くじゆうくりまち', 'くじゅうくりまち'], // 千葉県九十九里町 Kujukuri
  '124435': ['おんじゆくまち', 'おんじゅくまち'], // 千葉県御宿町 Onjuku
  '124630': ['きよなんまち', 'きょなんまち'], // 千葉県鋸南町 Kyonan
  '253847': ['りゆうおうちょう', 'りゅうおうちょう'], // 滋賀県竜王町 Ryuo
  '272299': ['しじようなわてし', 'しじょうなわてし'], // 大阪府四條畷市 Shijonawate
  '294268': ['こうりようちょう', 'こうりょうちょう'], // 奈良県広陵町 Koryo
  '332089': ['そうじやし', 'そうじゃし'], // 岡山県総社市 Soja
  '335860': ['しんじようそん', 'しんじょうそん'], // 岡山県新庄村 Shinjo
  '473260': ['ちやたんちょう', 'ちゃたんちょう'], // 沖縄県北谷町 Chatan
};

const entries = JSON.parse(readFileSync(new URL('index.json', sourceDir), 'utf8')) as SourceEntry[];
if (!Array.isArray(entries)) fail('index.json is not an array');

for (const [code, [wrong, right]] of Object.entries(READING_CORRECTIONS)) {
  const e = entries.find((x) => x.code === code && x.type === 'city');
  if (!e || e.city_kana !== wrong || e.kana !== e.pref_kana + wrong) {
    fail(`reading correction ${code}: the source no longer reads ${wrong}; check and update READING_CORRECTIONS`);
  }
  e.city_kana = right;
  e.kana = e.pref_kana + right;
}

const seen = new Set<string>();
for (const e of entries) {
  if (!/^\d{6}$/.test(e.code)) fail(`bad code ${JSON.stringify(e.code)}`);
  if (seen.has(e.code)) fail(`duplicate code ${e.code}`);
  seen.add(e.code);
}

const prefectures: OutPrefecture[] = entries
  .filter((e) => e.type === 'prefecture')
  .map((e) => ({
    code: e.code,
    name: required(e, 'name'),
    kana: required(e, 'kana'),
    nameEn: englishPrefectureName(required(e, 'name'), required(e, 'kana')),
  }))
  .sort((a, b) => a.code.localeCompare(b.code));
if (prefectures.length !== 47) fail(`expected 47 prefectures, got ${prefectures.length}`);
const prefectureCodes = new Set(prefectures.map((p) => p.code));

// designated cities (政令指定都市) that have wards are not selectable themselves; their wards are
const citiesWithWards = new Set(entries.filter((e) => e.type === 'ward').map((e) => required(e, 'city_code')));

const municipalities: OutMunicipality[] = [];
for (const e of entries) {
  if (e.type === 'prefecture') continue;
  if (!prefectureCodes.has(e.pref_code)) fail(`entry ${e.code} has unknown prefecture ${e.pref_code}`);
  if (e.type === 'city') {
    if (citiesWithWards.has(e.code)) continue;
    municipalities.push({
      code: e.code,
      name: required(e, 'city_name'),
      kana: required(e, 'city_kana'),
      nameEn: englishPlaceName(required(e, 'city_name'), required(e, 'city_kana')),
      prefectureCode: e.pref_code,
      fullName: required(e, 'name'),
      fullKana: required(e, 'kana'),
    });
  } else if (e.type === 'ward') {
    municipalities.push({
      code: e.code,
      name: required(e, 'city_name') + required(e, 'ward_name'),
      kana: required(e, 'city_kana') + required(e, 'ward_kana'),
      nameEn:
        englishPlaceName(required(e, 'city_name'), required(e, 'city_kana')) +
        ' ' +
        englishPlaceName(required(e, 'ward_name'), required(e, 'ward_kana')),
      prefectureCode: e.pref_code,
      fullName: required(e, 'name'),
      fullKana: required(e, 'kana'),
    });
  } else {
    fail(`entry ${e.code} has unknown type ${JSON.stringify((e as { type: unknown }).type)}`);
  }
}
municipalities.sort((a, b) => a.code.localeCompare(b.code));

for (const code of citiesWithWards) {
  if (!entries.some((e) => e.type === 'city' && e.code === code)) fail(`wards refer to unknown city ${code}`);
}

mkdirSync(outDir, { recursive: true });
const out = { dataDate: DATA_DATE, source: SOURCE, prefectures, municipalities };
writeFileSync(new URL('municipalities.json', outDir), JSON.stringify(out) + '\n', 'utf8');
// the licence travels with the derived file (copy the text, not the file mode)
writeFileSync(new URL('LICENSE-local-gov-codes.txt', outDir), readFileSync(new URL('LICENSE.txt', sourceDir)));

console.log(
  `wrote ${fileURLToPath(new URL('municipalities.json', outDir))}: ${prefectures.length} prefectures, ` +
    `${municipalities.length} selectable municipalities/wards (${citiesWithWards.size} designated cities with wards excluded), ` +
    `data date ${DATA_DATE}`,
);
