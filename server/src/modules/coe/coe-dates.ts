/**
 * Dates of a COE (docs/spec/coe.md "Validity"): calendar dates in Asia/Tokyo as `YYYY-MM-DD` strings, so no time zone
 * ever shifts them.
 */

const TOKYO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Japan. */
export function tokyoDate(now: Date): string {
  return TOKYO_DATE.format(now);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The last day of a period of `months` months from `startDate` by the Civil Code's reckoning (民法 140 条, 143 条):
 * the first day is not counted, so the period ends on the day before the day of the same number `months` later; when
 * that month has no such day, on its last day. 2026-01-15 → 2026-04-14; 2026-11-30 → 2027-02-28 (no 2027-02-30);
 * 2027-11-30 → 2028-02-29 (leap year); 2026-03-01 → 2026-05-31.
 */
export function civilCodeLastDay(startDate: string, months: number): string {
  const [y, m, d] = startDate.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysInMonth(year, month);
  if (d > last) return `${year}-${pad(month)}-${pad(last)}`; // no corresponding day: the month's last day (143 条 2 項 ただし書)
  // the day before the corresponding day (it may fall in the previous month when d is 1)
  const end = new Date(Date.UTC(year, month - 1, d - 1));
  return `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}`;
}

/** A COE is valid for 3 months. */
export const COE_VALIDITY_MONTHS = 3;

export function coeExpiresOn(issuedOn: string): string {
  return civilCodeLastDay(issuedOn, COE_VALIDITY_MONTHS);
}

/** Whether a COE that ends on `expiresOn` has expired on `today` (the whole last day still counts). */
export function isPastDate(expiresOn: string, today: string): boolean {
  return today > expiresOn;
}

/**
 * A calendar date as people type it: `1990-04-01`, `1990/4/1`, `1990.4.1`, `1990 4 1`, `1990年4月1日`, full-width
 * digits. Null unless it names a real day.
 */
export function parseCalendarDate(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const m = /^(\d{4})[-/. 年]\s*(\d{1,2})[-/. 月]\s*(\d{1,2})日?$/.exec(input.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}
