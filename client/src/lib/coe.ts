import type { Locale } from './i18n/index';
import statuses from '../../../server/data/coe/statuses-of-residence.json';
import nationalities from '../../../server/data/coe/nationalities.json';

/**
 * What the COE screens and the /verify page show of a COE, in the browser as on the server: the issuing office's name,
 * dates, the number in groups of 4, and the names of a nationality or status code (the project's reference files, so
 * that a signed code checked offline shows names, not codes). The office names are those of the mail
 * (server/src/modules/coe/coe-mail.ts), repeated here because that module is server-only (it renders the QR PNG).
 */
export const BUREAU_NAMES: Record<string, { ja: string; en: string }> = {
  SAPPORO: { ja: '札幌出入国在留管理局', en: 'Sapporo Regional Immigration Services Bureau' },
  SENDAI: { ja: '仙台出入国在留管理局', en: 'Sendai Regional Immigration Services Bureau' },
  TOKYO: { ja: '東京出入国在留管理局', en: 'Tokyo Regional Immigration Services Bureau' },
  NAGOYA: { ja: '名古屋出入国在留管理局', en: 'Nagoya Regional Immigration Services Bureau' },
  OSAKA: { ja: '大阪出入国在留管理局', en: 'Osaka Regional Immigration Services Bureau' },
  HIROSHIMA: { ja: '広島出入国在留管理局', en: 'Hiroshima Regional Immigration Services Bureau' },
  TAKAMATSU: { ja: '高松出入国在留管理局', en: 'Takamatsu Regional Immigration Services Bureau' },
  FUKUOKA: { ja: '福岡出入国在留管理局', en: 'Fukuoka Regional Immigration Services Bureau' },
  YOKOHAMA: { ja: '東京出入国在留管理局横浜支局', en: 'Yokohama District Immigration Services Office' },
  KOBE: { ja: '大阪出入国在留管理局神戸支局', en: 'Kobe District Immigration Services Office' },
  NAHA: { ja: '福岡出入国在留管理局那覇支局', en: 'Naha District Immigration Services Office' },
};

export function bureauName(code: string, locale: Locale): string {
  return BUREAU_NAMES[code]?.[locale] ?? code;
}

type Named = { code: string; ja: string; en: string };
const STATUS_BY_CODE = new Map((statuses.statuses as Named[]).map((s) => [s.code, s]));
const NATIONALITY_BY_CODE = new Map((nationalities.nationalities as Named[]).map((n) => [n.code, n]));

/** The name of a status of residence code in the page's language (the code itself when unknown). */
export function statusName(code: string, locale: Locale): string {
  return STATUS_BY_CODE.get(code)?.[locale] ?? code;
}

/** The name of an ISO 3166-1 alpha-3 code in the page's language, with the code (`ベトナム (VNM)`). */
export function nationalityName(code: string, locale: Locale): string {
  const n = NATIONALITY_BY_CODE.get(code);
  return n ? `${n[locale]} (${code})` : code;
}

/** A calendar date (YYYY-MM-DD) as the pages write dates: 2026年4月14日 / 2026-04-14. */
export function coeDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return locale === 'ja' ? `${y}年${Number(m)}月${Number(d)}日` : iso;
}

/** The number in groups of 4 (`TK26 0001 2344`), as the mail shows it for reading aloud. */
export function groupedNumber(number: string): string {
  return number.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Today's calendar date in Japan (YYYY-MM-DD): a COE is valid through its `expiresOn` there. */
export function tokyoToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
