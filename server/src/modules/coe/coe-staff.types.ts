import { createUnionType, Field, Int, InputType, ObjectType } from 'type-graphql';
import { ApplicantNotFoundError, InvalidStateError, StaffErrorResult, StaffInputValidationError } from '../../graphql/staff-error-types.js';
import { CoeType } from './coe.types.js';

/** The staff surface's COE types (docs/spec/coe.md "Staff API"). */

@ObjectType('CoeEvent', { description: 'One line of a COE’s history: ISSUED, MAIL_QUEUED, MAIL_SENT, RECEIPT_REGISTERED, REVOKED, REISSUED.' })
export class CoeEventType {
  @Field(() => Date) at!: Date;
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true, description: 'the staff member who did it' }) staffId!: string | null;
  @Field(() => String, { nullable: true, description: 'for mails: COE_ISSUED, COE_REISSUED, COE_RESENT, COE_REVOKED, COE_RECEIPT_REGISTERED' })
  mail!: string | null;
  @Field(() => String, { nullable: true, description: 'a revocation’s reason' }) reason!: string | null;
}

@ObjectType('Coe', { description: 'An electronic Certificate of Eligibility with what the back office sees besides.' })
export class StaffCoeType extends CoeType {
  @Field(() => String, { description: 'the recipient account' }) authId!: string;
  @Field(() => String, { description: 'the paper application’s 受付番号' }) applicationNumber!: string;
  @Field(() => Date) issuedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'when the SMTP server first accepted the COE mail' }) mailedAt!: Date | null;
  @Field(() => Int, { description: 'how many verifyCoe calls matched it' }) verificationCount!: number;
  @Field(() => [CoeEventType], { description: 'the history, oldest first (only on coe(number))' }) events!: CoeEventType[];
}

@InputType('IssueCoeInput')
export class IssueCoeInput {
  @Field(() => String, { nullable: true, description: 'the recipient’s 認証ID' }) authId?: string | null;
  @Field(() => String, { nullable: true, description: 'the paper application’s 受付番号 (unique)' }) applicationNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'as in the passport, Latin letters, ≤ 70' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3' }) nationality?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) birthDate?: string | null;
  @Field(() => String, { nullable: true, description: 'MALE or FEMALE' }) sex?: string | null;
  @Field(() => String, { nullable: true, description: 'a StatusOfResidence code, e.g. ENGINEER_HUMANITIES_INTL' }) statusOfResidence?: string | null;
  @Field(() => String, { nullable: true, description: '所属機関, optional, ≤ 100' }) organization?: string | null;
}

@InputType('RevokeCoeInput')
export class RevokeCoeInput {
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true, description: 'required, ≤ 400; mailed to the applicant' }) reason?: string | null;
}

@InputType('ReissueCoeInput', { description: 'The COE to correct, the reason, and the fields that change (the others keep their values).' })
export class ReissueCoeInput {
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true, description: 'required, ≤ 400' }) reason?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) nationality?: string | null;
  @Field(() => String, { nullable: true }) birthDate?: string | null;
  @Field(() => String, { nullable: true }) sex?: string | null;
  @Field(() => String, { nullable: true }) statusOfResidence?: string | null;
  @Field(() => String, { nullable: true, description: 'an empty string removes it' }) organization?: string | null;
}

@ObjectType('CoeIssued')
export class CoeIssued {
  @Field(() => StaffCoeType) coe!: StaffCoeType;
}

@ObjectType('CoeRevoked')
export class CoeRevoked {
  @Field(() => StaffCoeType) coe!: StaffCoeType;
}

@ObjectType('CoeMailResent')
export class StaffCoeMailResent {
  @Field(() => StaffCoeType) coe!: StaffCoeType;
}

@ObjectType('DuplicateApplicationError', { implements: StaffErrorResult, description: 'DUPLICATE_APPLICATION: this 受付番号 has a COE already (correct it with reissueCoe).' })
export class DuplicateApplicationError extends StaffErrorResult {}

@ObjectType('CoeNotFoundError', { implements: StaffErrorResult, description: 'COE_NOT_FOUND: no COE has this number.' })
export class StaffCoeNotFoundError extends StaffErrorResult {}

export const IssueCoeResult = createUnionType({
  name: 'IssueCoeResult',
  types: () => [CoeIssued, ApplicantNotFoundError, InvalidStateError, DuplicateApplicationError, StaffCoeNotFoundError, StaffInputValidationError] as const,
});

export const RevokeCoeResult = createUnionType({
  name: 'RevokeCoeResult',
  types: () => [CoeRevoked, StaffCoeNotFoundError, InvalidStateError, StaffInputValidationError] as const,
});

export const StaffResendCoeResult = createUnionType({
  name: 'ResendCoeResult',
  types: () => [StaffCoeMailResent, StaffCoeNotFoundError, InvalidStateError, StaffInputValidationError] as const,
});
