import type pg from 'pg';

const COE_MAIL_KINDS: ReadonlySet<string> = new Set(['COE_ISSUED', 'COE_REISSUED', 'COE_RESENT', 'COE_REVOKED', 'COE_RECEIPT_REGISTERED']);
/** The mails that deliver the COE itself: their acceptance makes an ISSUED COE MAILED. */
const DELIVERING = ['COE_ISSUED', 'COE_REISSUED', 'COE_RESENT'];

export const isCoeMailKind = (kind: string): boolean => COE_MAIL_KINDS.has(kind);

/**
 * The mail worker's success path for a COE mail (modules/mail/mail-worker.ts), on its transaction: the SMTP server
 * accepted outbox mail `outboxId`, so its COE records MAIL_SENT, and a COE still ISSUED becomes MAILED — only now,
 * never when the mail was merely queued (docs/spec/coe.md "States").
 */
export async function coeMailAccepted(client: pg.PoolClient, outboxId: string, at: Date): Promise<void> {
  const { rows } = await client.query<{ coe_id: string; mail: string }>(
    `insert into coe_event (coe_id, at, kind, outbox_id, details)
       select coe_id, $2, 'MAIL_SENT', outbox_id, jsonb_build_object('mail', details->>'mail') from coe_event
       where outbox_id = $1 and kind = 'MAIL_QUEUED'
     returning coe_id, details->>'mail' as mail`,
    [outboxId, at],
  );
  const delivered = rows.filter((r) => DELIVERING.includes(r.mail)).map((r) => r.coe_id);
  if (delivered.length) {
    await client.query(`update coe set state = 'MAILED', mailed_at = $2 where id = any($1::uuid[]) and state = 'ISSUED'`, [delivered, at]);
  }
}
