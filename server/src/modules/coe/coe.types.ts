import { createUnionType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorResult, InputValidationError } from '../../graphql/error-types.js';
import { InvalidLinkError } from '../password/password.types.js';
import { COE_STATES, type CoeState } from './coe-states.js';

/** The GraphQL types of the COE that both surfaces show, and the applicant surface's own (docs/spec/coe.md). */

export const CoeStateEnum = Object.fromEntries(COE_STATES.map((s) => [s, s])) as { [K in CoeState]: K };
registerEnumType(CoeStateEnum, {
  name: 'CoeState',
  description: 'ISSUED (recorded, mail queued) → MAILED (the SMTP server accepted it) → RECEIPT_REGISTERED; REVOKED; EXPIRED (derived: today in Japan is after expiresOn).',
});

@ObjectType('Nationality', { description: 'ISO 3166-1 alpha-3 with its Japanese and English names.' })
export class NationalityType {
  @Field(() => String) code!: string;
  @Field(() => String) ja!: string;
  @Field(() => String) en!: string;
}

@ObjectType('StatusOfResidence', { description: 'A status of residence (在留資格) of the project’s list, with its Japanese and English names.' })
export class StatusOfResidenceType {
  @Field(() => String) code!: string;
  @Field(() => String) ja!: string;
  @Field(() => String) en!: string;
}

@ObjectType('Coe', { description: 'An electronic Certificate of Eligibility (在留資格認定証明書). Dates are Japan calendar dates (YYYY-MM-DD).' })
export class CoeType {
  @Field(() => String, { description: '12 characters: bureau, year, serial, Luhn check digit (e.g. TK2600012344)' }) number!: string;
  @Field(() => CoeStateEnum) state!: CoeState;
  @Field(() => String, { description: 'as in the passport (Latin letters)' }) name!: string;
  @Field(() => NationalityType) nationality!: NationalityType;
  @Field(() => String) birthDate!: string;
  @Field(() => String, { description: 'MALE or FEMALE' }) sex!: string;
  @Field(() => StatusOfResidenceType) statusOfResidence!: StatusOfResidenceType;
  @Field(() => String, { nullable: true, description: '所属機関' }) organization!: string | null;
  @Field(() => String) issuedOn!: string;
  @Field(() => String, { description: 'the last day it is valid (3 months by the Civil Code)' }) expiresOn!: string;
  @Field(() => String, { description: 'the issuing bureau (a Bureau code)' }) bureau!: string;
  @Field(() => Date, { nullable: true }) receiptRegisteredAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revocationReason!: string | null;
  @Field(() => String, { nullable: true, description: 'the corrected COE that replaced this one' }) replacedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'the COE this one corrected' }) replaces!: string | null;
  @Field(() => String, { description: 'the signed code: a compact JWS (ES256) checkable with /.well-known/coe-keys.json' }) verificationCode!: string;
  @Field(() => String, { description: 'PUBLIC_URL/verify#<verificationCode>: what the QR code encodes' }) verificationUrl!: string;
}

// ----- applicant surface

@InputType('CoeReceiptInput')
export class CoeReceiptInput {
  @Field(() => String, { nullable: true, description: 'the token of the mail’s 受領登録 link' }) token?: string | null;
}

@ObjectType('CoeReceiptRegistered')
export class CoeReceiptRegistered {
  @Field(() => CoeType) coe!: CoeType;
}

@ObjectType('CoeNotYoursError', { implements: ErrorResult, description: 'COE_NOT_YOURS: the link is for a COE of another account (log in as its recipient).' })
export class CoeNotYoursError extends ErrorResult {}

@ObjectType('InvalidStateError', { implements: ErrorResult, description: 'COE_REVOKED_OR_EXPIRED: the COE was revoked or has expired.' })
export class CoeInvalidStateError extends ErrorResult {}

@ObjectType('CoeNotFoundError', { implements: ErrorResult, description: 'COE_NOT_FOUND: the caller has no COE with this number.' })
export class CoeNotFoundError extends ErrorResult {}

export const CoeReceiptResult = createUnionType({
  name: 'CoeReceiptResult',
  types: () => [CoeReceiptRegistered, InvalidLinkError, CoeNotYoursError, CoeInvalidStateError] as const,
});

@ObjectType('CoeMailResent', { description: 'The COE was mailed again to the account’s current address (a new 受領登録 link voids the older one).' })
export class CoeMailResent {
  @Field(() => CoeType) coe!: CoeType;
}

export const ResendCoeResult = createUnionType({
  name: 'ResendCoeResult',
  types: () => [CoeMailResent, CoeNotFoundError, CoeInvalidStateError, InputValidationError] as const,
});

@InputType('VerifyCoeInput')
export class VerifyCoeInput {
  @Field(() => String, { nullable: true, description: 'lower case, spaces and hyphens are fine' }) number?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD (also 1990/4/1, 1990 4 1, 1990年4月1日)' }) birthDate?: string | null;
}

export const COE_VERIFICATION_RESULTS = ['VALID', 'EXPIRED', 'REVOKED', 'NO_MATCH'] as const;
export type CoeVerificationResultValue = (typeof COE_VERIFICATION_RESULTS)[number];
export const CoeVerificationResultEnum = Object.fromEntries(COE_VERIFICATION_RESULTS.map((s) => [s, s])) as { [K in CoeVerificationResultValue]: K };
registerEnumType(CoeVerificationResultEnum, {
  name: 'CoeVerificationResult',
  description: 'NO_MATCH: no COE has this number, or its birth date is another (one answer for both).',
});

@ObjectType('CoeVerification', { description: 'What verifyCoe tells anyone who has the number and the birth date; the fields are set only when the pair matched.' })
export class CoeVerification {
  @Field(() => CoeVerificationResultEnum) result!: CoeVerificationResultValue;
  @Field(() => String, { nullable: true, description: 'the first letter of each name part, then asterisks (T*** H****)' }) maskedName!: string | null;
  @Field(() => NationalityType, { nullable: true }) nationality!: NationalityType | null;
  @Field(() => StatusOfResidenceType, { nullable: true }) statusOfResidence!: StatusOfResidenceType | null;
  @Field(() => String, { nullable: true }) issuedOn!: string | null;
  @Field(() => String, { nullable: true }) expiresOn!: string | null;
}
