import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A mail waiting to be sent (or already sent). Written in the same transaction as the change that causes it. */
export const MailOutboxSchema = defineEntity({
  name: 'MailOutbox',
  tableName: 'mail_outbox',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    userId: p.uuid().nullable(),
    kind: p.string().length(40),
    recipient: p.string().length(60),
    subject: p.text(),
    body: p.text(),
    /** the HTML alternative, when the mail has one */
    html: p.text().nullable(),
    /** inline images of the HTML part: [{ cid, filename, contentType, contentBase64 }] */
    attachments: p.json<unknown[]>().nullable(),
    createdAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  },
});

export type MailOutbox = InferEntity<typeof MailOutboxSchema>;
