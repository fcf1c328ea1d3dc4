import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BUREAUS, STAFF_STATUSES } from './staff-roles.js';

/**
 * A member of the bureau's staff (staff.md "Staff and roles"). The password and the TOTP secret are set by the
 * enrolment (staff-enrolment.service.ts); `totpLastStep` is the time step of the last accepted code, so each code is
 * accepted once; the two failure counters and `lockedUntil` are the lockout.
 */
export const StaffMemberSchema = defineEntity({
  name: 'StaffMember',
  tableName: 'staff_member',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    loginId: p.string().length(60),
    name: p.string().length(100),
    bureau: p.enum([...BUREAUS]),
    roles: p.array(),
    status: p.enum([...STAFF_STATUSES]).default('ACTIVE'),
    passwordHash: p.text().nullable(),
    totpSecret: p.string().length(64).nullable(),
    totpLastStep: p.bigint('number').nullable(),
    failedPasswordCount: p.integer().default(0),
    failedSecondFactorCount: p.integer().default(0),
    lockedUntil: p.datetime().nullable(),
    enrolledAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type StaffMember = InferEntity<typeof StaffMemberSchema>;

/** A WebAuthn credential (passkey) of a staff member; `counter` is the authenticator's signature counter. */
export const StaffPasskeySchema = defineEntity({
  name: 'StaffPasskey',
  tableName: 'staff_passkey',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    staff: p.manyToOne(StaffMemberSchema).fieldName('staff_id'),
    credentialId: p.string().length(1400).unique(),
    publicKey: p.blob(),
    counter: p.bigint('number').default(0),
    transports: p.array(),
    createdAt: p.datetime(),
    lastUsedAt: p.datetime().nullable(),
  },
});
export type StaffPasskey = InferEntity<typeof StaffPasskeySchema>;

/** A one-time enrolment link (24 h, hashed token; a newer one voids the older), with the TOTP secret it offers. */
export const StaffEnrolmentLinkSchema = defineEntity({
  name: 'StaffEnrolmentLink',
  tableName: 'staff_enrolment_link',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    staff: p.manyToOne(StaffMemberSchema).fieldName('staff_id'),
    tokenHash: p.string().length(64).unique(),
    totpSecret: p.string().length(64),
    webauthnChallenge: p.string().length(128).nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    voidedAt: p.datetime().nullable(),
  },
});
export type StaffEnrolmentLink = InferEntity<typeof StaffEnrolmentLinkSchema>;

export const STAFF_REVOKE_REASONS = ['LOGOUT', 'SUPERSEDED', 'TIMEOUT', 'DISABLED', 'SECOND_FACTOR_RESET'] as const;
export type StaffRevokeReason = (typeof STAFF_REVOKE_REASONS)[number];

/** A staff session: its own table, never mixed with applicants' (staff.md "Staff sessions"). */
export const StaffSessionSchema = defineEntity({
  name: 'StaffSession',
  tableName: 'staff_session',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    staff: p.manyToOne(StaffMemberSchema).fieldName('staff_id'),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.enum([...STAFF_REVOKE_REASONS]).nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
  },
});
export type StaffSession = InferEntity<typeof StaffSessionSchema>;

/** The step between the password and the second factor: its challengeId (hashed), five minutes, single use. */
export const StaffLoginChallengeSchema = defineEntity({
  name: 'StaffLoginChallenge',
  tableName: 'staff_login_challenge',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    staff: p.manyToOne(StaffMemberSchema).fieldName('staff_id'),
    tokenHash: p.string().length(64).unique(),
    webauthnChallenge: p.string().length(128).nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    ip: p.string().length(64).nullable(),
  },
});
export type StaffLoginChallenge = InferEntity<typeof StaffLoginChallengeSchema>;
