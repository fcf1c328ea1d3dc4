import type { StaffFieldIssue } from '../../errors/staff-error-code.js';
import { toDate } from '../../db/raw.js';
import { auditBase, type StaffActor, type StaffServiceContext } from '../staff/staff-context.js';
import { checkAuditChain, type AuditChainStatus } from './audit-chain.js';
import { AUDIT_EVENT_COLUMNS, writeAuditCsv, type AuditEventRow } from './audit-csv.js';
import { auditFilterDetails, auditFilterSql, checkAuditFilter, type AuditFilterInput } from './audit-filter.js';
import { appendAuditEvent } from './audit-trail.js';
import { canonicalJson } from './canonical-json.js';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 100;
/** auditEventsCsv refuses more (AUDIT_EXPORT_TOO_LARGE): the API builds the file in memory; the CLI streams any size. */
export const AUDIT_CSV_MAX_EVENTS = 100_000;

export interface AuditEventView {
  seq: number;
  at: Date;
  staffId: string | null;
  staffName: string | null;
  bureau: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  receptionNumber: string | null;
  requestId: string | null;
  ip: string | null;
  /** canonical JSON (what the hash covers) */
  details: string;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  events: AuditEventView[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export type AuditReadOutcome<T> = { kind: 'ok'; value: T } | { kind: 'invalid-input'; issues: StaffFieldIssue[] };

function view(row: AuditEventRow & { staff_name: string | null }): AuditEventView {
  return {
    seq: Number(row.seq),
    at: toDate(row.at) as Date,
    staffId: row.staff_id,
    staffName: row.staff_name,
    bureau: row.bureau,
    action: row.action,
    target: row.target,
    reason: row.reason,
    receptionNumber: row.reception_number,
    requestId: row.request_id,
    ip: row.ip,
    details: canonicalJson(typeof row.details === 'string' ? JSON.parse(row.details) : row.details),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * auditEvents (AUDITOR, SUPERVISOR): newest first, `first` ≤ 100 (50 when absent), `after` the cursor (the seq) of
 * the last event of the previous page. The read is recorded (AUDIT_EVENTS_READ: the filter, the page, how many
 * events it showed) in the same transaction: no look at the trail without its trace (docs/decisions.md).
 */
export async function listAuditEvents(
  ctx: StaffServiceContext,
  actor: StaffActor,
  args: { filter: AuditFilterInput | null | undefined; first?: number | null; after?: string | null },
): Promise<AuditReadOutcome<AuditPage>> {
  const checked = checkAuditFilter(args.filter);
  const issues = checked.ok ? [] : [...checked.issues];
  const first = args.first ?? AUDIT_PAGE_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > AUDIT_PAGE_MAX) issues.push({ field: 'first', code: 'WZBAM005E', item: 'pageSize' });
  const after = args.after?.trim() || null;
  if (after !== null && !/^[1-9]\d{0,17}$/.test(after)) issues.push({ field: 'after', code: 'WZBAM005E', item: 'cursor' });
  if (!checked.ok || issues.length) return { kind: 'invalid-input', issues };
  const { where, params } = auditFilterSql(checked.filter, 'e.');
  return ctx.em.transactional(async (em) => {
    const rows = await em.execute<(AuditEventRow & { staff_name: string | null })[]>(
      `select ${AUDIT_EVENT_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}, m.name as staff_name
       from audit_event e left join staff_member m on m.id = e.staff_id
       where ${where} and (?::bigint is null or e.seq < ?::bigint)
       order by e.seq desc limit ?`,
      [...params, after, after, first + 1],
    );
    const events = rows.slice(0, first).map(view);
    const page = { events, hasNextPage: rows.length > first, endCursor: events.length ? String(events[events.length - 1].seq) : null };
    const now = ctx.clock.now();
    await appendAuditEvent(
      em,
      {
        ...auditBase(ctx, actor),
        action: 'AUDIT_EVENTS_READ',
        details: { filter: auditFilterDetails(checked.filter), first, after, shown: events.length, seqs: events.length ? [events[0].seq, events[events.length - 1].seq] : [] },
      },
      now,
      ctx.log,
    );
    return { kind: 'ok', value: page };
  });
}

/**
 * auditChainStatus (AUDITOR): the verifier on one snapshot, then its result recorded (AUDIT_CHAIN_CHECKED) — in a
 * transaction of its own, since the check must not hold the chain's head while it walks the whole trail.
 */
export async function auditChainStatus(ctx: StaffServiceContext, actor: StaffActor): Promise<AuditChainStatus> {
  const status = await checkAuditChain(ctx.em);
  await ctx.em.fork().transactional((em) =>
    appendAuditEvent(em, { ...auditBase(ctx, actor), action: 'AUDIT_CHAIN_CHECKED', details: { ...status } }, ctx.clock.now(), ctx.log),
  );
  return status;
}

/**
 * auditEventsCsv (AUDITOR, SUPERVISOR): the file audit-csv.ts builds, with its BOM, for the console to serve as it is.
 * Refused above AUDIT_CSV_MAX_EVENTS events. Recorded (AUDIT_EXPORTED: the filter and the number of events).
 */
export async function exportAuditCsv(
  ctx: StaffServiceContext,
  actor: StaffActor,
  input: AuditFilterInput | null | undefined,
): Promise<AuditReadOutcome<string> | { kind: 'too-large'; events: number }> {
  const checked = checkAuditFilter(input);
  if (!checked.ok) return { kind: 'invalid-input', issues: checked.issues };
  const { where, params } = auditFilterSql(checked.filter);
  return ctx.em.transactional(async (em) => {
    const [{ n }] = await em.execute<{ n: string | number }[]>(`select count(*) as n from audit_event where ${where}`, params);
    if (Number(n) > AUDIT_CSV_MAX_EVENTS) return { kind: 'too-large' as const, events: Number(n) };
    const chunks: string[] = [];
    const events = await writeAuditCsv(em, checked.filter, (chunk) => void chunks.push(chunk));
    await appendAuditEvent(
      em,
      { ...auditBase(ctx, actor), action: 'AUDIT_EXPORTED', details: { filter: auditFilterDetails(checked.filter), events, via: 'api' } },
      ctx.clock.now(),
      ctx.log,
    );
    return { kind: 'ok' as const, value: chunks.join('') };
  });
}
