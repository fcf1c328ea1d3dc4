import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserAccountSchema } from '../account/user.entity.js';

export const LINK_PURPOSES = ['FIRST_PASSWORD', 'RESET'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** A password link sent by mail: stored as a hash, bound to the account and the address it went to. */
export const EmailLinkSchema = defineEntity({
  name: 'EmailLink',
  tableName: 'email_link',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    user: p.manyToOne(UserAccountSchema).fieldName('user_id'),
    purpose: p.enum([...LINK_PURPOSES]),
    tokenHash: p.string().length(64).unique(),
    email: p.string().length(60),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    voidedAt: p.datetime().nullable(),
  },
});

export type EmailLink = InferEntity<typeof EmailLinkSchema>;
