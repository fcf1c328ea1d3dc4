/**
 * Helpers for tests of the mail outbox and its worker (rules.md §6, security.md 28).
 *
 * The worker is real (graphile-worker, real SMTP), so tests wait for it: they poll the database until a condition
 * holds, with a deadline, instead of sleeping a fixed time.
 */
import type pg from 'pg';
import { extractLinks } from './smtp-receiver.js';

export interface OutboxRow {
  id: string;
  user_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

/** The outbox rows addressed to `recipient`, oldest first. */
export async function outboxFor(db: pg.Pool, recipient: string): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>('select * from mail_outbox where recipient = $1 order by created_at, id', [recipient]);
  return rows;
}

/** The graphile-worker jobs queued for one outbox mail (its job key is `mail:<outbox id>`). */
export async function jobsFor(db: pg.Pool, outboxId: string): Promise<{ id: string; attempts: number; last_error: string | null }[]> {
  const { rows } = await db.query('select id, attempts, last_error from graphile_worker.jobs where key = $1', [`mail:${outboxId}`]);
  return rows;
}

/**
 * Polls `probe` every `intervalMs` until it returns a value that satisfies `done`, and returns that value; throws
 * with the last value seen when `timeoutMs` passes. For waiting on the real mail worker only.
 */
export async function waitUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`waitUntil: ${what} not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The Japanese and English halves of a mail body (they are separated by the `(English)` line). */
export function mailHalves(text: string): { ja: string; en: string } {
  const at = text.indexOf('\n(English)\n');
  if (at < 0) throw new Error('mail has no "(English)" part');
  return { ja: text.slice(0, at), en: text.slice(at) };
}

/** The outbox rows of one account (optionally of one kind), oldest first. */
export async function outboxOfUser(db: pg.Pool, userId: string, kind?: string): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    'select * from mail_outbox where user_id = $1 and ($2::text is null or kind = $2) order by created_at, id',
    [userId, kind ?? null],
  );
  return rows;
}

/** The token of the (first) password link in a mail body (`…/password/set?token=…`). */
export function linkToken(body: string): string {
  const url = extractLinks(body).find((u) => u.includes('/password/set?token='));
  if (!url) throw new Error(`no password link in the mail:\n${body}`);
  return new URL(url).searchParams.get('token')!;
}
