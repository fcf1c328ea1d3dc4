import { GraphQLError } from 'graphql';
import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import type { ItemName } from '../errors/field-issue.js';
import { STAFF_ERROR_CODES, type StaffErrorCode, type StaffFieldIssue } from '../errors/staff-error-code.js';
import { summaryCode } from '../errors/summary-code.js';
import { staffErrorMessage, staffFieldMessages } from '../i18n/staff-error-messages.js';
import type { Locale } from '../i18n/locale.js';

/**
 * The staff surface's error types. They carry the same GraphQL names as the applicant ones (`ErrorCode`,
 * `ErrorResult`, `FieldError`, `InputValidationError`: api.md "Conventions" holds on both surfaces) but are classes of
 * their own, with the staff catalog's codes: each schema holds only its own (docs/decisions.md, "Staff back office").
 */
export const StaffErrorCodeEnum = Object.fromEntries(STAFF_ERROR_CODES.map((c) => [c, c])) as { [K in StaffErrorCode]: K };
registerEnumType(StaffErrorCodeEnum, {
  name: 'ErrorCode',
  description: "The staff surface's codes: the applicant codes its forms share, and the back office's own.",
});

@InterfaceType('ErrorResult', { description: 'Every error a staff member can act on. `message` is in the request language, without the code.' })
export abstract class StaffErrorResult {
  @Field(() => StaffErrorCodeEnum)
  code!: StaffErrorCode;

  @Field(() => String)
  message!: string;
}

@ObjectType('FieldError', { description: 'One invalid input field.' })
export class StaffFieldError {
  @Field(() => String, { description: "The input field's name." })
  field!: string;

  @Field(() => StaffErrorCodeEnum)
  code!: StaffErrorCode;

  @Field(() => String, { description: 'What is wrong, naming the item, without the code.' })
  message!: string;

  @Field(() => String, { description: 'What is wrong in a few words, without the item and the code (for a list that names the field).' })
  shortMessage!: string;
}

@ObjectType('InputValidationError', { implements: StaffErrorResult, description: 'All invalid fields at once, in form order.' })
export class StaffInputValidationError extends StaffErrorResult {
  @Field(() => [StaffFieldError])
  fieldErrors!: StaffFieldError[];
}

/**
 * Error types that several staff features answer with (staff members, applicants, approvals, the COE): defined once
 * here so that each feature's union names the same GraphQL type.
 */
@ObjectType('InvalidStateError', { implements: StaffErrorResult, description: 'INVALID_STATE: the target is not in a state the operation applies to (e.g. disabling a disabled member, unlocking an account that is not locked).' })
export class InvalidStateError extends StaffErrorResult {}

@ObjectType('ApplicantNotFoundError', { implements: StaffErrorResult, description: 'APPLICANT_NOT_FOUND: no applicant account matches.' })
export class ApplicantNotFoundError extends StaffErrorResult {}

export function staffInputValidationError(issues: StaffFieldIssue[], locale: Locale): StaffInputValidationError {
  const code = summaryCode(issues);
  const items = issues.filter((i) => i.code === code && i.item).map((i) => i.item as ItemName);
  return Object.assign(new StaffInputValidationError(), {
    code,
    message: staffErrorMessage(code, locale, items),
    fieldErrors: issues.map((i) => Object.assign(new StaffFieldError(), { field: i.field, code: i.code, ...staffFieldMessages(i, locale) })),
  });
}

/**
 * A list query's bad arguments (a filter, `first`, a cursor): its type is a connection or a `String`, not a result
 * union, so it answers the top-level BAD_REQUEST carrying what an InputValidationError would — `reason` (the summary
 * code unless the caller names one) and every `fieldErrors` entry — and `message` (the summary message unless given).
 */
export function staffBadRequest(issues: StaffFieldIssue[], locale: Locale, opts: { reason?: string; message?: string } = {}): GraphQLError {
  const error = staffInputValidationError(issues, locale);
  return new GraphQLError(opts.message ?? error.message, {
    extensions: { code: 'BAD_REQUEST', reason: opts.reason ?? error.code, fieldErrors: error.fieldErrors.map((f) => ({ ...f })) },
  });
}

/** A simple staff error result (one code, one message) of the given class. */
export function staffErrorResult<T extends StaffErrorResult>(
  Type: new () => T,
  code: StaffErrorCode,
  locale: Locale,
  extra: Partial<Omit<T, 'code' | 'message'>> = {},
): T {
  return Object.assign(new Type(), { code, message: staffErrorMessage(code, locale), ...extra });
}
