import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { hasControlChars } from '../../lib/normalize.js';
import { nextTokyoDay, parseTokyoTime } from '../../lib/tokyo-time.js';
import { AUDIT_ACTIONS } from './audit-trail.js';

/** AuditFilter as the API and the CLI take it: every field optional, strings checked here. */
export interface AuditFilterInput {
  from?: string | null;
  to?: string | null;
  staffId?: string | null;
  action?: string | null;
  target?: string | null;
  requestId?: string | null;
}

/** A checked filter: from ≤ at < to, the rest exact matches. */
export interface AuditFilter {
  from: Date | null;
  to: Date | null;
  staffId: string | null;
  action: string | null;
  target: string | null;
  requestId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

function text(raw: string | null | undefined, max: number, field: string, item: StaffFieldIssue['item'], issues: StaffFieldIssue[]): string | null {
  const value = (raw ?? '').trim();
  if (!value) return null;
  if (value.length > max || hasControlChars(value)) issues.push({ field, code: 'WZBAM005E', item });
  return value;
}

/**
 * Checks an audit filter, every issue at once. `from` and `to` take the forms of lib/tokyo-time.ts; a date alone as
 * `to` means the end of that day in Japan (`--from 2026-04-01 --to 2026-04-30` is all of April), a date-time is the
 * exclusive end.
 */
export function checkAuditFilter(input: AuditFilterInput | null | undefined): { ok: true; filter: AuditFilter } | { ok: false; issues: StaffFieldIssue[] } {
  const issues: StaffFieldIssue[] = [];
  const time = (raw: string | null | undefined, field: 'from' | 'to') => {
    if (!raw?.trim()) return null;
    const parsed = parseTokyoTime(raw);
    if (!parsed) issues.push({ field, code: 'WZBAM005E', item: field === 'from' ? 'auditFrom' : 'auditTo' });
    return parsed;
  };
  const from = time(input?.from, 'from');
  const to = time(input?.to, 'to');
  const toAt = to ? (to.dateOnly ? nextTokyoDay(to.at) : to.at) : null;
  if (from && toAt && toAt <= from.at) issues.push({ field: 'to', code: 'AUDIT_RANGE_INVALID', item: 'auditTo' });
  const staffId = text(input?.staffId, 36, 'staffId', 'staffId', issues);
  if (staffId && !UUID.test(staffId) && !issues.some((i) => i.field === 'staffId')) issues.push({ field: 'staffId', code: 'WZBAM005E', item: 'staffId' });
  const action = text(input?.action, 60, 'action', 'auditAction', issues)?.toUpperCase() ?? null;
  if (action && !ACTIONS.has(action) && !issues.some((i) => i.field === 'action')) issues.push({ field: 'action', code: 'WZBAM005E', item: 'auditAction' });
  const target = text(input?.target, 100, 'target', 'auditTarget', issues);
  const requestId = text(input?.requestId, 40, 'requestId', 'requestId', issues);
  if (issues.length) return { ok: false, issues };
  return { ok: true, filter: { from: from?.at ?? null, to: toAt, staffId: staffId?.toLowerCase() ?? null, action, target, requestId } };
}

/** The filter as SQL conditions on audit_event (with its parameters); `alias` is the table's alias with its dot. */
export function auditFilterSql(filter: AuditFilter, alias = ''): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conditions.push(alias + sql);
    params.push(value);
  };
  if (filter.from) add('at >= ?', filter.from);
  if (filter.to) add('at < ?', filter.to);
  if (filter.staffId) add('staff_id = ?', filter.staffId);
  if (filter.action) add('action = ?', filter.action);
  if (filter.target) add('target = ?', filter.target);
  if (filter.requestId) add('request_id = ?', filter.requestId);
  return { where: conditions.length ? conditions.join(' and ') : 'true', params };
}

/** The filter as an audit event records it (what was asked for). */
export function auditFilterDetails(filter: AuditFilter): Record<string, string | null> {
  return {
    from: filter.from?.toISOString() ?? null,
    to: filter.to?.toISOString() ?? null,
    staffId: filter.staffId,
    action: filter.action,
    target: filter.target,
    requestId: filter.requestId,
  };
}
