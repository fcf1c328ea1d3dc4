import type { Bureau } from '../staff/staff-roles.js';

/** The two letters of each bureau in a COE number (docs/spec/coe.md "The number"). */
export const BUREAU_PREFIX: Record<Bureau, string> = {
  SAPPORO: 'SP',
  SENDAI: 'SD',
  TOKYO: 'TK',
  NAGOYA: 'NG',
  OSAKA: 'OS',
  HIROSHIMA: 'HR',
  TAKAMATSU: 'TM',
  FUKUOKA: 'FK',
  YOKOHAMA: 'YH',
  KOBE: 'KB',
  NAHA: 'NH',
};

const PREFIXES: ReadonlySet<string> = new Set(Object.values(BUREAU_PREFIX));

/** The Luhn check digit of a string of digits (the digit that makes the whole string pass the Luhn check). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // from the right, every second digit starting with the rightmost is doubled (the check digit will stand after it)
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A number from its parts: prefix, 2-digit year, 7-digit serial, Luhn digit over year + serial. */
export function formatCoeNumber(bureau: Bureau, year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 9_999_999) throw new Error(`COE serial out of range: ${serial}`);
  const digits = String(year % 100).padStart(2, '0') + String(serial).padStart(7, '0');
  return `${BUREAU_PREFIX[bureau]}${digits}${luhnCheckDigit(digits)}`;
}

/**
 * A number as typed or read aloud: full-width forms, lower case, spaces and hyphens are forgiven (`tk26-0001-2344`,
 * `ＴＫ２６ ０００１ ２３４４`). Null unless the result is a well-formed number with a right check digit — a mistyped
 * digit is caught here, before any lookup.
 */
export function parseCoeNumber(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const value = input.normalize('NFKC').replace(/[\s\u3000\-‐‑‒–—―ー]/g, '').toUpperCase();
  const m = /^([A-Z]{2})(\d{9})(\d)$/.exec(value);
  if (!m || !PREFIXES.has(m[1])) return null;
  return luhnCheckDigit(m[2]) === Number(m[3]) ? value : null;
}

/** The number in groups of 4 (`TK26 0001 2344`), for reading aloud and against mail translators. */
export function groupedCoeNumber(number: string): string {
  return number.replace(/(.{4})(?=.)/g, '$1 ');
}
