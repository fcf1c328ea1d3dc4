import type { MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import type { Config } from '../../config.js';
import { toDate } from '../../db/raw.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { enqueueMail } from '../mail/outbox.js';
import { auditAnchorMail } from '../mail/templates.js';
import { appendAuditEvent } from './audit-trail.js';

export const AUDIT_ANCHOR_TASK = 'audit_anchor';

/**
 * graphile-worker's cron, once a day at 00:05 Japan time (15:05 UTC; its cron runs in UTC). Listed in the worker's
 * crontab only when AUDIT_ANCHOR_EMAIL is set. Each tick is queued once however many workers run (`known_crontabs`).
 */
export const AUDIT_ANCHOR_CRONTAB = `5 15 * * * ${AUDIT_ANCHOR_TASK} ?max=5&jobKey=${AUDIT_ANCHOR_TASK}`;

export interface AnchorDeps {
  orm: MikroORM;
  config: Config;
  clock: Clock;
  log?: Logger;
}

/**
 * Mails the chain's head — the last seq, its hash and its time — to AUDIT_ANCHOR_EMAIL through the outbox, and records
 * that (AUDIT_ANCHOR_SENT, naming the anchored seq and hash) in the same transaction: the mail exists if and only if
 * its event does. A copy of the head outside the database makes a rewrite of the whole table (by someone who can
 * switch the triggers off and recompute every hash) detectable: the mailed hash no longer matches that seq. The
 * event is the one after the anchored seq, so the next day's mail anchors it too. Null when the variable is unset.
 */
export async function sendAuditAnchor(deps: AnchorDeps): Promise<{ seq: number; hash: string; eventSeq: number } | null> {
  const to = deps.config.auditAnchorEmail;
  if (!to) return null;
  return deps.orm.em.fork().transactional(async (em) => {
    const now = deps.clock.now();
    // the head row is locked by appendAuditEvent below anyway; locking it first pins what is anchored
    const [head] = await em.execute<{ seq: string | number; hash: string }[]>('select seq, hash from audit_head where id for update');
    const seq = Number(head.seq);
    const [last] = seq ? await em.execute<{ at: unknown }[]>('select at from audit_event where seq = ?', [seq]) : [];
    await enqueueMail(em, { kind: 'AUDIT_ANCHOR', to, ...auditAnchorMail(deps.config, { seq, hash: head.hash, eventAt: toDate(last?.at), at: now }) }, now);
    const event = await appendAuditEvent(em, { action: 'AUDIT_ANCHOR_SENT', details: { anchoredSeq: seq, anchoredHash: head.hash, to } }, now, deps.log);
    return { seq, hash: head.hash, eventSeq: event.seq };
  });
}

/** The graphile-worker task (run by the crontab entry above). */
export function auditAnchorTask(deps: AnchorDeps): Task {
  return async () => {
    const sent = await sendAuditAnchor(deps);
    if (sent) deps.log?.info({ anchoredSeq: sent.seq }, 'audit anchor mailed');
  };
}
