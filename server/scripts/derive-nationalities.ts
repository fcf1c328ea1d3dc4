/**
 * `npm run data:nationalities`: writes server/data/coe/nationalities.json (ISO 3166-1 alpha-3 codes with their Japanese
 * and English names) from the i18n-iso-countries package's data (MIT licence, a devDependency; server/data/README.md).
 * The server reads only the derived file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries') as {
  registerLocale(data: unknown): void;
  getAlpha3Codes(): Record<string, string>;
  getName(code: string, lang: string, opts?: { select: 'official' | 'alias' }): string | undefined;
};
countries.registerLocale(require('i18n-iso-countries/langs/ja.json'));
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
const version = (JSON.parse(readFileSync(require.resolve('i18n-iso-countries/package.json'), 'utf8')) as { version: string }).version;

// Japan is not a nationality a COE is issued to (a Japanese national needs no status of residence)
const nationalities = Object.keys(countries.getAlpha3Codes())
  .filter((code) => code !== 'JPN')
  .sort()
  .map((code) => ({ code, ja: countries.getName(code, 'ja', { select: 'official' })!, en: countries.getName(code, 'en', { select: 'official' })! }));
for (const n of nationalities) if (!n.ja || !n.en) throw new Error(`no name for ${n.code}`);

const file = path.resolve(import.meta.dirname, '../data/coe/nationalities.json');
writeFileSync(
  file,
  [
    '{',
    `  "source": ${JSON.stringify(`ISO 3166-1 alpha-3 (Japan left out); names from the npm package i18n-iso-countries ${version} (MIT licence)`)},`,
    '  "nationalities": [',
    nationalities.map((n) => `    ${JSON.stringify(n)}`).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n'),
);
console.log(`${nationalities.length} nationalities → ${path.relative(process.cwd(), file)}`);
