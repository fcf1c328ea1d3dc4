import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import type { FieldIssue } from '../../errors/field-issue.js';
import { hasControlChars, normalizeAuthId } from '../../lib/normalize.js';

/**
 * The checks shared by the staff operations on applicant accounts (every issue at once, like every form). The
 * applicant-side normalizations (認証ID, e-mail, name) are the registration's, called from lib/normalize.ts and
 * registration.validate.ts, never copied.
 */

export const REASON_LIMIT = 400;
export const RECEPTION_NUMBER_LIMIT = 40;
const AUTH_ID_CAP = 80; // 4 × the 20-char limit (rules.md §1), as login and the reset request cap it

/** The issues of the shared checks (registration's) as staff issues: their codes are in the staff catalog. */
export const asStaff = (issues: FieldIssue[]) => issues as unknown as StaffFieldIssue[];

/** A 認証ID as registration issues them (trim, NFKC, lower case); '' when absent, null when it cannot be one. */
export function checkAuthId(value: unknown, issues: StaffFieldIssue[], field = 'authId'): string | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && normalizeAuthId(value) === '')) {
    return void issues.push({ field, code: 'WZBAM001E' });
  }
  if (typeof value !== 'string' || value.length > AUTH_ID_CAP || hasControlChars(value)) return void issues.push({ field, code: 'WZBAM005E', item: 'authId' });
  const authId = normalizeAuthId(value);
  if (!/^[\x21-\x7E]{6,20}$/.test(authId)) return void issues.push({ field, code: 'WZBAM005E', item: 'authId' });
  return authId;
}

/** A free text the staff member types (reason, decision reason): required, ≤ 400 characters, line breaks allowed. */
export function checkReason(value: unknown, issues: StaffFieldIssue[], field = 'reason', item: 'reason' | 'decisionReason' = 'reason'): string | undefined {
  const text = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
  if (value !== null && value !== undefined && typeof value !== 'string') return void issues.push({ field, code: 'WZBAM005E', item });
  if (!text) return void issues.push({ field, code: 'WZBAM001E' });
  if ([...text].length > REASON_LIMIT || hasControlChars(text.replaceAll('\n', ''))) return void issues.push({ field, code: 'WZBAM005E', item });
  return text;
}

/** 受付番号 (the counter's paper form): optional, ≤ 40 printable characters after NFKC. */
export function checkReceptionNumber(value: unknown, issues: StaffFieldIssue[]): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.length > RECEPTION_NUMBER_LIMIT * 4 || hasControlChars(value)) {
    issues.push({ field: 'receptionNumber', code: 'WZBAM005E', item: 'receptionNumber' });
    return null;
  }
  const text = value.normalize('NFKC').trim();
  if ([...text].length > RECEPTION_NUMBER_LIMIT) {
    issues.push({ field: 'receptionNumber', code: 'WZBAM005E', item: 'receptionNumber' });
    return null;
  }
  return text || null;
}

/** A calendar date YYYY-MM-DD (full-width digits forgiven), a real one. */
export function parseIsoDate(value: string): string | null {
  const text = value.normalize('NFKC').trim().replaceAll('/', '-');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The instant a usage end date (the last day of use, Asia/Tokyo) ends: the next day's 00:00 in Japan (UTC+9). */
export function endOfTokyoDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - 9 * 3_600_000);
}

/** `hanako@example.jp` → `h***@example.jp`: enough for the clerk to say "we mailed your registered address". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
