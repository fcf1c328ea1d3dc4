export type Locale = 'ja' | 'en';

/** A catalog: every key has a Japanese and an English text. Readings for furigana are written as 漢字(かんじ). */
export type Texts = Record<string, { ja: string; en: string }>;

export function defineTexts<T extends Texts>(texts: T): T {
  return texts;
}

const picked = new WeakMap<Texts, Partial<Record<Locale, Readonly<Record<string, string>>>>>();

/**
 * The catalog in one language: `pick(loginTexts, 'en').title`. Made once per catalog and language and shared (frozen):
 * every page render picks several catalogs, and building them anew each time was measurable on a page's CPU.
 */
export function pick<T extends Texts>(texts: T, locale: Locale): { readonly [K in keyof T]: string } {
  let byLocale = picked.get(texts);
  if (!byLocale) picked.set(texts, (byLocale = {}));
  let out = byLocale[locale];
  if (!out) {
    const made: Record<string, string> = {};
    for (const key of Object.keys(texts)) made[key] = texts[key][locale];
    out = byLocale[locale] = Object.freeze(made);
  }
  return out as { readonly [K in keyof T]: string };
}

/** Replaces {name} placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const TOKYO = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** YYYY/MM/DD HH:MM in Asia/Tokyo, as the manual shows times. */
export function tokyoDateTime(iso: string | null | undefined): string {
  return iso ? TOKYO.format(new Date(iso)) : '';
}

/**
 * What follows a {@link tokyoDateTime} so that a reader in another time zone knows whose clock it is: the times are
 * always Japan's (screens.md), and the portal's users are often abroad.
 */
export const JAPAN_TIME: Record<Locale, string> = { ja: '（日本時間）', en: ' JST (Japan time)' };

/** {@link tokyoDateTime} followed by {@link JAPAN_TIME}: `2026/11/26 10:00（日本時間）`, `2026/11/26 10:00 JST (Japan time)`. */
export function tokyoDateTimeLabelled(iso: string | null | undefined, locale: Locale): string {
  return iso ? tokyoDateTime(iso) + JAPAN_TIME[locale] : '';
}
