import type { EntityManager } from '@mikro-orm/postgresql';
import { toDate } from '../../db/raw.js';
import { tokyoIso } from '../../lib/tokyo-time.js';
import { auditFilterSql, type AuditFilter } from './audit-filter.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The audit trail as CSV (staff.md "Audit trail"), one builder for the API (auditEventsCsv) and the CLI
 * (npm run audit -- export): UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, RFC 4180
 * quoting, a header row, oldest event first, times in Japan time. A cell that a spreadsheet would run as a formula
 * (starting with = + - @, or a tab or CR) gets a leading apostrophe (OWASP "CSV injection"): the reason, the target and
 * the details come from people. The output is the file as it is to be saved: the API returns it with the BOM.
 */
export const CSV_BOM = '\uFEFF';
export const AUDIT_CSV_HEADER = [
  'seq', 'at', 'staff_id', 'bureau', 'action', 'target', 'reason', 'reception_number', 'request_id', 'ip', 'details',
  'prev_hash', 'hash',
] as const;

/** One cell: formula-safe, then quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string | number | null): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface AuditEventRow {
  seq: string | number;
  at: unknown;
  staff_id: string | null;
  bureau: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  reception_number: string | null;
  request_id: string | null;
  ip: string | null;
  details: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

export const AUDIT_EVENT_COLUMNS = 'seq, at, staff_id, bureau, action, target, reason, reception_number, request_id, ip, details, prev_hash, hash';

export function auditCsvLine(row: AuditEventRow): string {
  // the canonical JSON the hash covers, so the file is enough to recompute a hash
  const details = canonicalJson(typeof row.details === 'string' ? JSON.parse(row.details) : row.details);
  return csvLine([
    Number(row.seq), tokyoIso(toDate(row.at) as Date), row.staff_id, row.bureau, row.action, row.target, row.reason,
    row.reception_number, row.request_id, row.ip, details, row.prev_hash, row.hash,
  ]);
}

const BATCH = 1000;

/**
 * Writes the CSV of the events the filter selects to `write`, chunk by chunk (the BOM and the header first, then one
 * chunk per 1,000 events, keyset on seq so memory does not grow with the table). Returns how many events it wrote.
 */
export async function writeAuditCsv(em: EntityManager, filter: AuditFilter, write: (chunk: string) => void | Promise<void>): Promise<number> {
  await write(CSV_BOM + csvLine(AUDIT_CSV_HEADER));
  const { where, params } = auditFilterSql(filter);
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await em.execute<AuditEventRow[]>(
      `select ${AUDIT_EVENT_COLUMNS} from audit_event where ${where} and seq > ? order by seq limit ?`,
      [...params, after, BATCH],
    );
    if (rows.length) await write(rows.map(auditCsvLine).join(''));
    count += rows.length;
    if (rows.length < BATCH) return count;
    after = Number(rows[rows.length - 1].seq);
  }
}
