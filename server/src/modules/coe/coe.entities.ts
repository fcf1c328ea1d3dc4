import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { COE_STORED_STATES } from './coe-states.js';

/**
 * An electronic Certificate of Eligibility (docs/spec/coe.md). The services work in SQL (the serial's lock, the state
 * changes guarded by the current state); the mapping is here so the ORM knows the tables.
 */
export const CoeSchema = defineEntity({
  name: 'Coe',
  tableName: 'coe',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    number: p.string().length(12).unique(),
    userId: p.uuid(),
    applicationNumber: p.string().length(20),
    name: p.string().length(70),
    nationality: p.string().length(3),
    birthDate: p.date(),
    sex: p.enum(['MALE', 'FEMALE'] as const),
    statusOfResidence: p.string().length(40),
    organization: p.string().length(100).nullable(),
    issuedOn: p.date(),
    expiresOn: p.date(),
    bureau: p.string().length(12),
    state: p.enum([...COE_STORED_STATES]).default('ISSUED'),
    issuedBy: p.uuid(),
    issuedAt: p.datetime(),
    mailedAt: p.datetime().nullable(),
    receiptRegisteredAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.uuid().nullable(),
    revocationReason: p.string().length(400).nullable(),
    replaces: p.string().length(12).nullable(),
    replacedBy: p.string().length(12).nullable(),
    receiptTokenHash: p.string().length(64).nullable().unique(),
    verificationCode: p.text(),
    verificationCount: p.integer().default(0),
  },
});
export type Coe = InferEntity<typeof CoeSchema>;

/** One line of a COE's history (coe-events.ts names the kinds). */
export const CoeEventSchema = defineEntity({
  name: 'CoeEvent',
  tableName: 'coe_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    coeId: p.uuid(),
    at: p.datetime(),
    kind: p.string().length(24),
    staffId: p.uuid().nullable(),
    outboxId: p.uuid().nullable(),
    details: p.json<Record<string, unknown>>(),
  },
});
export type CoeEvent = InferEntity<typeof CoeEventSchema>;

/** The last serial given out per bureau and two-digit year. */
export const CoeSerialSchema = defineEntity({
  name: 'CoeSerial',
  tableName: 'coe_serial',
  properties: {
    bureau: p.string().length(12).primary(),
    year: p.integer().primary(),
    lastSerial: p.integer(),
  },
});
