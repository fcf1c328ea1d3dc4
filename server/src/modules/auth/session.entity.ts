import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserAccountSchema } from '../account/user.entity.js';

export const REVOKE_REASONS = [
  'LOGOUT',
  'SUPERSEDED',
  'PASSWORD_CHANGED',
  'PASSWORD_RESET',
  'STAFF',
  'TIMEOUT',
  /** five wrong current passwords in a row on the password change form (rules.md §4) */
  'TOO_MANY_WRONG_PASSWORDS',
] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    user: p.manyToOne(UserAccountSchema).fieldName('user_id'),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    restricted: p.boolean().default(false),
    /** consecutive WZBAM154E answers of changePassword on this session */
    wrongPasswordCount: p.integer().default(0),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.enum([...REVOKE_REASONS]).nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
  },
});

export type Session = InferEntity<typeof SessionSchema>;
