import { createUnionType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { InvalidStateError, StaffErrorResult, StaffInputValidationError } from '../../graphql/staff-error-types.js';
import { BUREAUS, SECOND_FACTOR_METHODS, STAFF_ROLES, STAFF_STATUSES, type Bureau, type SecondFactorMethod, type StaffRole, type StaffStatus } from './staff-roles.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const StaffRoleEnum = enumOf(STAFF_ROLES);
registerEnumType(StaffRoleEnum, { name: 'StaffRole', description: 'staff.md "Staff and roles"' });
export const BureauEnum = enumOf(BUREAUS);
registerEnumType(BureauEnum, { name: 'Bureau', description: 'The regional bureaus (地方出入国在留管理局) and district offices (支局).' });
export const StaffStatusEnum = enumOf(STAFF_STATUSES);
registerEnumType(StaffStatusEnum, { name: 'StaffStatus' });
export const SecondFactorMethodEnum = enumOf(SECOND_FACTOR_METHODS);
registerEnumType(SecondFactorMethodEnum, { name: 'SecondFactorMethod' });

@ObjectType('StaffMember', { description: 'A staff member. Never a password hash, TOTP secret, passkey key or token.' })
export class StaffMemberType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'an e-mail address' }) loginId!: string;
  @Field(() => String) name!: string;
  @Field(() => BureauEnum) bureau!: Bureau;
  @Field(() => [StaffRoleEnum]) roles!: StaffRole[];
  @Field(() => StaffStatusEnum) status!: StaffStatus;
  @Field(() => [SecondFactorMethodEnum], { description: 'the second factors enrolled; empty until the enrolment link was used' })
  secondFactors!: SecondFactorMethod[];
  @Field(() => Date, { nullable: true }) enrolledAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'set while a lockout lasts (or lasted: compare with now)' }) lockedUntil!: Date | null;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

// ----- login

@InputType('StaffLoginInput')
export class StaffLoginInput {
  @Field(() => String, { nullable: true, description: 'the e-mail address (case is ignored)' }) loginId?: string | null;
  @Field(() => String, { nullable: true }) password?: string | null;
}

@ObjectType('StaffSecondFactorRequired', { description: 'The password was right: finish with staffVerifyTotp or staffVerifyPasskey.' })
export class StaffSecondFactorRequired {
  @Field(() => String, { description: 'single use; keep it secret' }) challengeId!: string;
  @Field(() => [SecondFactorMethodEnum]) methods!: SecondFactorMethod[];
  @Field(() => Date, { description: 'when the challenge ends (5 minutes)' }) expiresAt!: Date;
}

@ObjectType('InvalidCredentialsError', {
  implements: StaffErrorResult,
  description: 'STAFF_LOGIN_FAILED (login ID or password, the same answer for both), STAFF_SECOND_FACTOR_FAILED, or STAFF_LOGIN_EXPIRED (start again).',
})
export class StaffInvalidCredentialsError extends StaffErrorResult {}

@ObjectType('AccountLockedError', { implements: StaffErrorResult, description: 'STAFF_ACCOUNT_LOCKED, shown only after the right password.' })
export class StaffAccountLockedError extends StaffErrorResult {
  @Field(() => Date) lockedUntil!: Date;
}

@ObjectType('NetworkNotAllowedError', { implements: StaffErrorResult, description: 'STAFF_NETWORK_NOT_ALLOWED: outside STAFF_ALLOWED_NETWORKS.' })
export class NetworkNotAllowedError extends StaffErrorResult {}

export const StaffLoginResult = createUnionType({
  name: 'StaffLoginResult',
  types: () => [StaffSecondFactorRequired, StaffInvalidCredentialsError, StaffAccountLockedError, StaffInputValidationError, NetworkNotAllowedError] as const,
});

@InputType('StaffTotpInput')
export class StaffTotpInput {
  @Field(() => String, { nullable: true }) challengeId?: string | null;
  @Field(() => String, { nullable: true, description: '6 digits from the authenticator app' }) code?: string | null;
}

@InputType('StaffPasskeyInput')
export class StaffPasskeyInput {
  @Field(() => String, { nullable: true }) challengeId?: string | null;
  @Field(() => String, { nullable: true, description: "the browser's assertion (PublicKeyCredential.toJSON()) as JSON" }) response?: string | null;
}

@ObjectType('StaffLoginSuccess')
export class StaffLoginSuccess {
  @Field(() => String, { description: 'Bearer token for /staff/graphql (starts with stf_); keep it secret' }) token!: string;
  @Field(() => Date, { description: 'the idle deadline (15 minutes), capped by the absolute end (12 hours)' }) expiresAt!: Date;
  /** whose session it is; `staff` is resolved in staff-auth.resolver.ts */
  staffId!: string;
}

export const StaffVerifyResult = createUnionType({
  name: 'StaffVerifyResult',
  types: () => [StaffLoginSuccess, StaffInvalidCredentialsError, StaffAccountLockedError, StaffInputValidationError] as const,
});

@ObjectType('LoggedOut')
export class StaffLoggedOut {
  @Field(() => Boolean) ok!: boolean;
}

export const StaffLogoutResult = createUnionType({ name: 'LogoutResult', types: () => [StaffLoggedOut] as const });

// ----- enrolment

@ObjectType('StaffEnrolment', { description: 'What the enrolment page shows while the link is open; the secret only until enrolled.' })
export class StaffEnrolmentType {
  @Field(() => String) loginId!: string;
  @Field(() => String) name!: string;
  @Field(() => BureauEnum) bureau!: Bureau;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String, { description: 'base32, for typing into an authenticator app' }) totpSecret!: string;
  @Field(() => String) otpauthUrl!: string;
  @Field(() => String, { description: 'the otpauth URL as a QR code: a data:image/svg+xml URL for an <img>' }) totpQrCode!: string;
}

@InputType('EnrolStaffInput')
export class EnrolStaffInput {
  @Field(() => String, { nullable: true }) token?: string | null;
  @Field(() => String, { nullable: true }) password?: string | null;
  @Field(() => String, { nullable: true }) passwordConfirmation?: string | null;
  @Field(() => String, { nullable: true, description: 'a code of the link\'s TOTP secret (TOTP and/or a passkey)' }) totpCode?: string | null;
  @Field(() => String, { nullable: true, description: 'the answer to staffPasskeyRegistrationOptions (PublicKeyCredential.toJSON()) as JSON' })
  passkeyResponse?: string | null;
}

@ObjectType('StaffEnrolled')
export class StaffEnrolled {
  @Field(() => String) loginId!: string;
  @Field(() => [SecondFactorMethodEnum]) secondFactors!: SecondFactorMethod[];
}

@ObjectType('InvalidLinkError', { implements: StaffErrorResult, description: 'STAFF_LINK_INVALID: unknown, used, expired or replaced by a newer link.' })
export class InvalidLinkError extends StaffErrorResult {}

export const EnrolStaffResult = createUnionType({
  name: 'EnrolStaffResult',
  types: () => [StaffEnrolled, InvalidLinkError, StaffInputValidationError] as const,
});

// ----- staff administration

@InputType('StaffMemberInput')
export class StaffMemberInput {
  @Field(() => String, { nullable: true, description: 'an e-mail address: the login ID and where the enrolment link goes' }) loginId?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'a Bureau code' }) bureau?: string | null;
  @Field(() => [String], { nullable: true, description: 'StaffRole codes, at least one' }) roles?: string[] | null;
}

@InputType('StaffRolesInput')
export class StaffRolesInput {
  @Field(() => String, { nullable: true, description: "the staff member's id (not one's own)" }) id?: string | null;
  @Field(() => [String], { nullable: true, description: 'the complete new set of StaffRole codes, at least one' }) roles?: string[] | null;
}

@ObjectType('StaffMemberSaved')
export class StaffMemberSaved {
  @Field(() => StaffMemberType) staff!: StaffMemberType;
}

@ObjectType('StaffNotFoundError', { implements: StaffErrorResult, description: 'STAFF_NOT_FOUND' })
export class StaffNotFoundError extends StaffErrorResult {}

@ObjectType('SelfActionError', { implements: StaffErrorResult, description: 'SELF_ACTION: not on oneself (roles, disabling, second factor).' })
export class SelfActionError extends StaffErrorResult {}


export const StaffMemberResult = createUnionType({
  name: 'StaffMemberResult',
  types: () => [StaffMemberSaved, StaffInputValidationError, StaffNotFoundError, SelfActionError, InvalidStateError] as const,
});
