/**
 * Times as the back office types and reads them: Japan time (Asia/Tokyo, UTC+9 all year, no daylight saving).
 * docs/decisions.md ("Notices and the audit tools") says which forms are accepted and why.
 */
const OFFSET_MS = 9 * 3_600_000;

const FORM = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export interface ParsedTime {
  at: Date;
  /** `YYYY-MM-DD` alone: the start of that day in Japan */
  dateOnly: boolean;
}

/**
 * Parses `YYYY-MM-DD` (00:00 of that day in Japan), `YYYY-MM-DDTHH:MM[:SS[.fff]]` without an offset (that wall-clock
 * time in Japan — what an HTML `datetime-local` field sends), or the same with `Z` or `±HH:MM` (that instant). Null
 * for anything else, for a day or time that does not exist, and outside the years 1970–9999.
 */
export function parseTokyoTime(raw: string | null | undefined): ParsedTime | null {
  const m = FORM.exec((raw ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(...fields, ms);
  const check = new Date(wall);
  // Date.UTC rolls 02-30 over into March: a day or time that does not exist comes back different
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2]
    || check.getUTCHours() !== fields[3] || check.getUTCMinutes() !== fields[4] || check.getUTCSeconds() !== fields[5]) return null;
  if (fields[0] < 1970) return null;
  let offset = OFFSET_MS;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 14 || om > 59) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 3_600_000 + om * 60_000);
  }
  return { at: new Date(wall - offset), dateOnly: m[4] === undefined };
}

/** `2026-04-01T09:00:00.000+09:00`: the instant in Japan time, ISO 8601 with its offset. */
export function tokyoIso(date: Date): string {
  return `${new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 23)}+09:00`;
}

/** `2026-04-01`: the day in Japan. */
export function tokyoDate(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The start of the next day in Japan after the day `date` falls on (for "to 2026-04-30" meaning the whole day). */
export function nextTokyoDay(date: Date): Date {
  const day = Date.parse(`${tokyoDate(date)}T00:00:00Z`) - OFFSET_MS;
  return new Date(day + 86_400_000);
}
