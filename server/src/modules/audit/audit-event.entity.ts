import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One event of the tamper-evident audit trail (staff.md "Audit trail"): append-only (the migration's triggers refuse
 * UPDATE, DELETE and TRUNCATE), numbered without gaps, each hash covering the previous one. Written only through
 * appendAuditEvent (audit-trail.ts), never through the ORM's unit of work.
 */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    seq: p.bigint('number').primary(),
    at: p.datetime(),
    staffId: p.uuid().nullable(),
    bureau: p.string().length(12).nullable(),
    action: p.string().length(60),
    target: p.string().length(100).nullable(),
    reason: p.string().length(400).nullable(),
    receptionNumber: p.string().length(40).nullable(),
    requestId: p.string().length(40).nullable(),
    ip: p.string().length(64).nullable(),
    details: p.json<Record<string, unknown>>(),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
});

export type AuditEvent = InferEntity<typeof AuditEventSchema>;
