import type { EntityManager } from '@mikro-orm/postgresql';
import { toDate } from '../../db/raw.js';
import { GENESIS_HASH, auditHash } from './audit-trail.js';

export interface AuditChainStatus {
  ok: boolean;
  /** events read and found intact before the first break (all of them when ok) */
  checkedEvents: number;
  /** the first seq that breaks the chain: altered, missing, or (past the last event) a head that does not match */
  firstBrokenSeq: number | null;
}

interface Row {
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

const BATCH = 1000;

/**
 * Walks the audit chain from seq 1 (staff.md: `npm run audit -- verify` and `auditChainStatus` are built on this):
 * each event must follow the one before without a gap, carry the previous event's hash as its prevHash, and hash to
 * its stored hash; the head must name the last event. The first event where that fails is reported. Reads in batches
 * (keyset on seq), so the table's size does not matter for memory.
 */
export async function verifyAuditChain(em: EntityManager): Promise<AuditChainStatus> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await em.execute<Row[]>(
      `select seq, at, staff_id, bureau, action, target, reason, reception_number, request_id, ip, details, prev_hash, hash
       from audit_event where seq >= ? order by seq limit ?`,
      [expectedSeq, BATCH],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = { ok: false, checkedEvents: expectedSeq - 1 };
      if (seq !== expectedSeq) return { ...broken, firstBrokenSeq: expectedSeq };
      const hash = auditHash({
        seq,
        at: toDate(row.at) as Date,
        staffId: row.staff_id,
        bureau: row.bureau,
        action: row.action,
        target: row.target,
        reason: row.reason,
        receptionNumber: row.reception_number,
        requestId: row.request_id,
        ip: row.ip,
        details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
        prevHash: row.prev_hash,
      });
      if (row.prev_hash !== prevHash || row.hash !== hash) return { ...broken, firstBrokenSeq: seq };
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < BATCH) break;
  }
  const checkedEvents = expectedSeq - 1;
  const [head] = await em.execute<{ seq: string | number; hash: string }[]>('select seq, hash from audit_head where id');
  // Events cut off at the end (or a head moved without its event) show as a head that names another last event.
  if (!head || Number(head.seq) !== checkedEvents || head.hash !== prevHash) {
    return { ok: false, checkedEvents, firstBrokenSeq: Math.min(Number(head?.seq ?? 0), checkedEvents) + 1 };
  }
  return { ok: true, checkedEvents, firstBrokenSeq: null };
}

/**
 * verifyAuditChain on one snapshot (a read-only REPEATABLE READ transaction): events appended while it walks are
 * neither read nor compared with a head that moved on, so a busy trail is not reported broken. What auditChainStatus
 * and `npm run audit -- verify` call; needs SELECT only.
 */
export async function checkAuditChain(em: EntityManager): Promise<AuditChainStatus> {
  return em.fork().transactional((tx) => verifyAuditChain(tx), { isolationLevel: 'repeatable read', readOnly: true });
}

/** The last event as the head names it (seq 0 and 64 zeros before the first). */
export async function auditHead(em: EntityManager): Promise<{ seq: number; hash: string }> {
  const [head] = await em.execute<{ seq: string | number; hash: string }[]>('select seq, hash from audit_head where id');
  return { seq: Number(head?.seq ?? 0), hash: head?.hash ?? GENESIS_HASH };
}
