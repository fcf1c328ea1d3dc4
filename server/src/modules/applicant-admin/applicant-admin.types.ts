import { PageInfo } from '../../graphql/staff-pagination.js';
import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ApplicantNotFoundError, InvalidStateError, StaffErrorResult, StaffInputValidationError } from '../../graphql/staff-error-types.js';
import { USER_CLASSES, USER_STATUSES } from '../account/user.entity.js';
import { BureauEnum } from '../staff/staff.types.js';
import { APPROVAL_KINDS, APPROVAL_STATES } from './approval-kinds.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ApplicantStatusEnum = enumOf(USER_STATUSES);
registerEnumType(ApplicantStatusEnum, { name: 'ApplicantStatus', description: "An applicant account's state (rules.md §4: SUSPENDED → WZBAM155E, DELETED → WZBAM156E)." });
export const ApplicantUserClassEnum = enumOf(USER_CLASSES);
registerEnumType(ApplicantUserClassEnum, { name: 'ApplicantUserClass', description: '利用者の区分' });
export const MailStateEnum = enumOf(['QUEUED', 'SENT'] as const);
registerEnumType(MailStateEnum, { name: 'MailState', description: 'QUEUED: in the outbox, not sent yet (attempts > 0: being retried); SENT.' });

// ----- search

@InputType('ApplicantFilter', { description: 'Every criterion given must hold. authId and email: exact (normalized as at registration); name: prefix (upper-cased, full-width → half-width).' })
export class ApplicantFilterInput {
  @Field(() => String, { nullable: true }) authId?: string | null;
  @Field(() => String, { nullable: true, description: 'a prefix of the registered name' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'the whole address, case ignored' }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) birthDate?: string | null;
  @Field(() => String, { nullable: true, description: 'an ApplicantStatus name' }) status?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: locked now; false: not locked now' }) locked?: boolean | null;
}

@ObjectType('ApplicantSummary', { description: 'One row of the search results.' })
export class ApplicantSummaryType {
  @Field(() => String) authId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null once erased' }) birthDate!: string | null;
  @Field(() => String) email!: string;
  @Field(() => ApplicantUserClassEnum) userClass!: string;
  @Field(() => ApplicantStatusEnum) status!: string;
  @Field(() => Boolean, { description: 'locked by failed logins right now' }) locked!: boolean;
  @Field(() => Date, { nullable: true }) lockedUntil!: Date | null;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
}

@ObjectType('ApplicantConnection', { description: 'A page of applicants in 認証ID order. Pass endCursor as `after` for the next page.' })
export class ApplicantConnection {
  @Field(() => [ApplicantSummaryType]) nodes!: ApplicantSummaryType[];
  @Field(() => String, { nullable: true, description: 'opaque; null on an empty page' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;

  @Field(() => PageInfo, { description: 'endCursor and hasNextPage again, in the shape every staff connection has' })
  get pageInfo(): PageInfo {
    return { hasNextPage: this.hasNextPage, endCursor: this.endCursor };
  }
}

// ----- detail

@ObjectType('ApplicantMail', { description: 'A mail to the applicant: no body, no link.' })
export class ApplicantMailType {
  @Field(() => String, { description: 'e.g. REGISTRATION, PASSWORD_RESET_LINK, ACCOUNT_LOCKED' }) kind!: string;
  @Field(() => String) to!: string;
  @Field(() => MailStateEnum) state!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
}

@ObjectType('ApplicantSecurityEvent', { description: 'A security event of the account (login, lock, password …).' })
export class ApplicantSecurityEventType {
  @Field(() => String) type!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. why a login was refused' }) reason!: string | null;
}

@ObjectType('ApplicantDetail', { description: 'An applicant account for the staff. Never a password hash or a token.' })
export class ApplicantDetailType extends ApplicantSummaryType {
  @Field(() => String, { nullable: true, description: 'MALE or FEMALE; null once erased' }) sex!: string | null;
  @Field(() => String, { nullable: true }) residenceCode!: string | null;
  @Field(() => String) residenceAddress!: string;
  @Field(() => String) phone!: string;
  @Field(() => String) language!: string;
  @Field(() => Int) failedLoginCount!: number;
  @Field(() => Date, { nullable: true }) passwordChangedAt!: Date | null;
  @Field(() => Date, { nullable: true }) passwordExpiresAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'login is refused (WZBAM151E) from this instant' }) usageExpiresAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'when the deletion (抹消) was approved' }) deletedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'when the personal data was erased (DELETED_RETENTION_DAYS after the deletion)' }) erasedAt!: Date | null;
  @Field(() => [ApplicantMailType], { description: 'the last 20, newest first' }) recentMails!: ApplicantMailType[];
  @Field(() => [ApplicantSecurityEventType], { description: 'the last 20, newest first' }) recentEvents!: ApplicantSecurityEventType[];
}

// ----- actions

@InputType('ApplicantActionInput')
export class ApplicantActionInput {
  @Field(() => String, { nullable: true }) authId?: string | null;
  @Field(() => String, { nullable: true, description: 'required, ≤ 400 characters; recorded in the audit trail' }) reason?: string | null;
  @Field(() => String, { nullable: true, description: '受付番号 of the counter form, ≤ 40 characters' }) receptionNumber?: string | null;
}

@InputType('UsageExpiryInput')
export class UsageExpiryInput extends ApplicantActionInput {
  @Field(() => String, { nullable: true, description: 'the last day of use, YYYY-MM-DD (Japan); login answers WZBAM151E from the next day' })
  usageExpiresOn?: string | null;
}

@InputType('RenotifyAuthIdInput', { description: 'authId, or name + birthDate + email (all three must match exactly one account).' })
export class RenotifyAuthIdInput {
  @Field(() => String, { nullable: true }) authId?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) birthDate?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => String, { nullable: true }) receptionNumber?: string | null;
}

@ObjectType('ApplicantActionDone')
export class ApplicantActionDone {
  @Field(() => ApplicantDetailType, { description: 'the account after the action' }) applicant!: ApplicantDetailType;
}

@ObjectType('AuthIdRenotified', { description: 'The 認証ID was mailed to the registered address; nothing of the record is shown.' })
export class AuthIdRenotified {
  @Field(() => String, { description: 'the registered address, masked (h***@example.jp)' }) mailedTo!: string;
}

export const ApplicantActionResult = createUnionType({
  name: 'ApplicantActionResult',
  types: () => [ApplicantActionDone, ApplicantNotFoundError, InvalidStateError, StaffInputValidationError] as const,
});

export const RenotifyAuthIdResult = createUnionType({
  name: 'RenotifyAuthIdResult',
  types: () => [AuthIdRenotified, ApplicantNotFoundError, StaffInputValidationError] as const,
});

// ----- approvals (dual control)

export const ApprovalKindEnum = enumOf(APPROVAL_KINDS);
registerEnumType(ApprovalKindEnum, { name: 'ApprovalKind', description: 'DELETION (抹消) or EMAIL_CORRECTION.' });
export const ApprovalStateEnum = enumOf(APPROVAL_STATES);
registerEnumType(ApprovalStateEnum, { name: 'ApprovalState', description: 'A PENDING request past its 7 days reads as EXPIRED.' });

@ObjectType('StaffReference', { description: 'Who requested or decided: a staff member by id, name and bureau.' })
export class StaffReferenceType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => BureauEnum) bureau!: string;
}

@ObjectType('ApprovalRequest', { description: 'A change that a second SUPERVISOR must approve (dual control).' })
export class ApprovalRequestType {
  @Field(() => ID) id!: string;
  @Field(() => ApprovalKindEnum) kind!: string;
  @Field(() => ApprovalStateEnum) state!: string;
  @Field(() => String, { description: "the applicant's 認証ID" }) authId!: string;
  @Field(() => StaffReferenceType) requestedBy!: StaffReferenceType;
  @Field(() => Date) requestedAt!: Date;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) receptionNumber!: string | null;
  @Field(() => StaffReferenceType, { nullable: true }) decidedBy!: StaffReferenceType | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) decisionReason!: string | null;
  @Field(() => Date, { description: 'requestedAt + 7 days' }) expiresAt!: Date;
  @Field(() => String, { nullable: true, description: 'EMAIL_CORRECTION: the new address in full, for the approver to check against the form' })
  newEmail!: string | null;
}

@InputType('EmailCorrectionInput')
export class EmailCorrectionInput extends ApplicantActionInput {
  @Field(() => String, { nullable: true, description: 'checked as at registration' }) newEmail?: string | null;
}

@InputType('ApprovalDecisionInput')
export class ApprovalDecisionInput {
  @Field(() => String, { nullable: true }) requestId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true approves (the change is made at once), false rejects' }) approve?: boolean | null;
  @Field(() => String, { nullable: true, description: 'required, ≤ 400 characters' }) reason?: string | null;
}

@ObjectType('ApprovalRequested')
export class ApprovalRequested {
  @Field(() => ApprovalRequestType) request!: ApprovalRequestType;
}

@ObjectType('ApprovalDecided')
export class ApprovalDecided {
  @Field(() => ApprovalRequestType, { description: 'APPROVED or REJECTED' }) request!: ApprovalRequestType;
}

@ObjectType('SelfApprovalError', { implements: StaffErrorResult, description: 'SELF_APPROVAL: no one decides their own request.' })
export class SelfApprovalError extends StaffErrorResult {}

@ObjectType('ApprovalRequestNotFoundError', { implements: StaffErrorResult, description: 'APPROVAL_REQUEST_NOT_FOUND: no request has this id.' })
export class ApprovalRequestNotFoundError extends StaffErrorResult {}

export const ApprovalRequestResult = createUnionType({
  name: 'ApprovalRequestResult',
  types: () => [ApprovalRequested, ApplicantNotFoundError, InvalidStateError, StaffInputValidationError] as const,
});

export const ApprovalDecisionResult = createUnionType({
  name: 'ApprovalDecisionResult',
  types: () => [ApprovalDecided, ApprovalRequestNotFoundError, SelfApprovalError, InvalidStateError, StaffInputValidationError] as const,
});
