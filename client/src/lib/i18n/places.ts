import type { Locale } from './index';

/**
 * How prefectures and residences (municipalities, designated-city wards) are named on the pages. Japanese pages use
 * the Japanese names. English pages put the English name (romaji from the API's `nameEn` / `fullNameEn`) first and
 * keep the Japanese in brackets: it is what the residence card and the post read, and what a helper at a counter
 * will recognise. English first also lets a keyboard user jump through the prefecture list by typing "T" for Tokyo.
 */

/** 東京都 in Japanese; "Tokyo (東京都)" in English. */
export function prefectureLabel(prefecture: { name: string; nameEn: string }, locale: Locale): string {
  return locale === 'en' ? `${prefecture.nameEn} (${prefecture.name})` : prefecture.name;
}

/** A search result: 千代田区 in Japanese (the kana is shown beside it); "Chiyoda-ku (千代田区)" in English. */
export function municipalityLabel(m: { name: string; nameEn: string }, locale: Locale): string {
  return locale === 'en' ? `${m.nameEn} (${m.name})` : m.name;
}

/** A residence with its prefecture: 東京都千代田区; "Chiyoda-ku, Tokyo (東京都千代田区)" in English. '' for none. */
export function residenceLabel(m: { fullName: string; fullNameEn?: string | null }, locale: Locale): string {
  if (!m.fullName) return '';
  return locale === 'en' && m.fullNameEn ? `${m.fullNameEn} (${m.fullName})` : m.fullName;
}
