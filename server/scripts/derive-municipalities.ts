/**
 * Derives the product's own municipality data file from the shared 全国地方公共団体コード dataset.
 *
 *   npm run data:municipalities
 *
 * Reads   <repo>/../shared/data/local-gov-codes/index.json (+ LICENSE.txt)
 * Writes  server/data/municipalities.json, server/data/LICENSE-local-gov-codes.txt
 *
 * Only this script reads ../shared; the running product reads server/data/municipalities.json.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

interface OutPrefecture { code: string; name: string; kana: string }
interface OutMunicipality {
  code: string;
  name: string;
  kana: string;
  prefectureCode: string;
  fullName: string;
  fullKana: string;
}

const repoRoot = new URL('../../', import.meta.url);
const sourceDir = new URL('../shared/data/local-gov-codes/', repoRoot);
const outDir = new URL('server/data/', repoRoot);

function fail(message: string): never {
  throw new Error(`derive-municipalities: ${message}`);
}

function required(entry: SourceEntry, key: keyof SourceEntry): string {
  const value = entry[key];
  if (typeof value !== 'string' || value === '') fail(`entry ${entry.code} (${entry.type}) lacks ${key}`);
  return value;
}

const entries = JSON.parse(readFileSync(new URL('index.json', sourceDir), 'utf8')) as SourceEntry[];
if (!Array.isArray(entries)) fail('index.json is not an array');

const seen = new Set<string>();
for (const e of entries) {
  if (!/^\d{6}$/.test(e.code)) fail(`bad code ${JSON.stringify(e.code)}`);
  if (seen.has(e.code)) fail(`duplicate code ${e.code}`);
  seen.add(e.code);
}

const prefectures: OutPrefecture[] = entries
  .filter((e) => e.type === 'prefecture')
  .map((e) => ({ code: e.code, name: required(e, 'name'), kana: required(e, 'kana') }))
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
      prefectureCode: e.pref_code,
      fullName: required(e, 'name'),
      fullKana: required(e, 'kana'),
    });
  } else if (e.type === 'ward') {
    municipalities.push({
      code: e.code,
      name: required(e, 'city_name') + required(e, 'ward_name'),
      kana: required(e, 'city_kana') + required(e, 'ward_kana'),
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
// copy the text (not the file mode: the shared source is read-only, the copy must stay rewritable)
writeFileSync(new URL('LICENSE-local-gov-codes.txt', outDir), readFileSync(new URL('LICENSE.txt', sourceDir)));

console.log(
  `wrote ${fileURLToPath(new URL('municipalities.json', outDir))}: ${prefectures.length} prefectures, ` +
    `${municipalities.length} selectable municipalities/wards (${citiesWithWards.size} designated cities with wards excluded), ` +
    `data date ${DATA_DATE}`,
);
