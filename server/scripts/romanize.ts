/**
 * English (romaji) names of prefectures and municipalities, made from their hiragana readings when
 * `npm run data:municipalities` derives server/data/municipalities.json. Only that script uses this module (and
 * wanakana, a devDependency): the running product reads the finished names from the data file.
 *
 * The style (docs/decisions.md, "English names of places"): revised Hepburn as wanakana writes it — し shi, ち chi,
 * つ tsu, ふ fu, じ/ぢ ji, ず/づ zu, っち tchi, ん always n (Gunma, not Gumma), ん before a vowel or y written n'
 * (Kan'onji) — and long vowels WITHOUT macrons, the way the places spell themselves in English and as a keyboard
 * types them: おう/おお → o, うう → u (Tokyo, Osaka, Chuo-ku). い after e or i stays (Seika, Niigata).
 */
import { toRomaji } from 'wanakana';

/** The hiragana reading as lower-case ASCII romaji in that style: `ちゅうおう` → `chuo`, `かんおんじ` → `kan'onji`. */
export function romanize(reading: string): string {
  if (!/^[\u3041-\u3096ー]+$/u.test(reading)) throw new Error(`romanize: not a hiragana reading: ${JSON.stringify(reading)}`);
  const romaji = toRomaji(reading);
  if (!/^[a-z']+$/.test(romaji)) throw new Error(`romanize: ${JSON.stringify(reading)} gave ${JSON.stringify(romaji)}`);
  return romaji.replace(/o[ou]+/g, 'o').replace(/uu+/g, 'u');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The suffix a municipality's name ends with and the readings it may have there. 町 and 村 are read either way
 * depending on the place (まち/ちょう, むら/そん); the reading decides, so 中央町 may be Chuo-machi or Chuo-cho.
 */
const SUFFIXES: Record<string, readonly string[]> = {
  市: ['し'],
  区: ['く'],
  町: ['まち', 'ちょう'],
  村: ['むら', 'そん'],
};

/**
 * Names whose reading alone gives a poor English name: a loanword in katakana (南アルプス is "Minami-Alps" in its own
 * English, not "Minamiarupusu"). Keyed by the name without its suffix; the suffix still comes from the reading.
 */
const OWN_SPELLING: Record<string, string> = {
  南アルプス: 'Minami-Alps',
};

/**
 * One municipality (or a designated city's ward) in English, its suffix kept as romaji after a hyphen:
 * `千代田区`/`ちよだく` → `Chiyoda-ku`, `倶知安町`/`くっちゃんちょう` → `Kutchan-cho`.
 */
export function englishPlaceName(name: string, reading: string): string {
  const suffix = name.slice(-1);
  const readings = SUFFIXES[suffix];
  if (!readings) throw new Error(`englishPlaceName: ${name} does not end with 市, 区, 町 or 村`);
  const suffixReading = readings.find((r) => reading.endsWith(r) && reading.length > r.length);
  if (!suffixReading) throw new Error(`englishPlaceName: the reading ${reading} of ${name} does not end with ${readings.join(' or ')}`);
  const base = OWN_SPELLING[name.slice(0, -1)] ?? capitalize(romanize(reading.slice(0, -suffixReading.length)));
  return `${base}-${romanize(suffixReading)}`;
}

/**
 * A prefecture in English without its 都/府/県 (道 is part of Hokkaido's name): `東京都`/`とうきょうと` → `Tokyo`,
 * `北海道`/`ほっかいどう` → `Hokkaido`, `大阪府`/`おおさかふ` → `Osaka`.
 */
export function englishPrefectureName(name: string, reading: string): string {
  if (name === '北海道') return capitalize(romanize(reading));
  const suffixReading = { 都: 'と', 府: 'ふ', 県: 'けん' }[name.slice(-1)];
  if (!suffixReading || !reading.endsWith(suffixReading)) {
    throw new Error(`englishPrefectureName: ${name} (${reading}) does not end with 都, 府 or 県 and their reading`);
  }
  return capitalize(romanize(reading.slice(0, -suffixReading.length)));
}
