import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The audit trail of security events (security.md; issue 5 adds the structured log lines). */
export const AuthEventSchema = defineEntity({
  name: 'AuthEvent',
  tableName: 'auth_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    userId: p.uuid().nullable(),
    type: p.string().length(40),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    at: p.datetime(),
    details: p.json<Record<string, unknown>>().nullable(),
  },
});

export type AuthEvent = InferEntity<typeof AuthEventSchema>;
