import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

import { USER_CLASSES } from './user-class.js';

export { USER_CLASSES, type UserClassName } from './user-class.js';

export const USER_STATUSES = ['PENDING_PASSWORD', 'ACTIVE', 'SUSPENDED', 'DELETED', 'INVALID'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const UserAccountSchema = defineEntity({
  name: 'UserAccount',
  tableName: 'user_account',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    authId: p.string().length(20).unique(),
    name: p.string().length(104),
    sex: p.enum(['MALE', 'FEMALE'] as const),
    birthDate: p.date(),
    residenceCode: p.string().length(6),
    residenceAddress: p.string().length(80),
    phone: p.string().length(12),
    email: p.string().length(60),
    userClass: p.enum([...USER_CLASSES]),
    language: p.string().length(2).default('ja'),
    status: p.enum([...USER_STATUSES]).default('PENDING_PASSWORD'),
    usageExpiresAt: p.datetime().nullable(),
    passwordHash: p.text().nullable().lazy(),
    passwordChangedAt: p.datetime().nullable(),
    failedLoginCount: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    previousLoginAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type UserAccount = InferEntity<typeof UserAccountSchema>;
