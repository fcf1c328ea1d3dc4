import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_CODES, type ErrorCode } from '../errors/error-code.js';
import type { FieldIssue, ItemName } from '../errors/field-issue.js';
import { summaryCode } from '../errors/summary-code.js';
import { errorMessage } from '../i18n/error-messages.js';
import type { Locale } from '../i18n/locale.js';

export const ErrorCodeEnum = Object.fromEntries(ERROR_CODES.map((c) => [c, c])) as { [K in ErrorCode]: K };
registerEnumType(ErrorCodeEnum, {
  name: 'ErrorCode',
  description: "The manual's WZBAM codes and the few this system adds (rules.md §2).",
});

@InterfaceType({ description: 'Every error a user can act on. `message` is in the request language, without the code.' })
export abstract class ErrorResult {
  @Field(() => ErrorCodeEnum)
  code!: ErrorCode;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'One invalid input field.' })
export class FieldError {
  @Field(() => String, { description: "The input field's name; `birthDate` stands for the three birth parts." })
  field!: string;

  @Field(() => ErrorCodeEnum)
  code!: ErrorCode;

  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: ErrorResult, description: 'All invalid fields at once, in form order.' })
export class InputValidationError extends ErrorResult {
  @Field(() => [FieldError])
  fieldErrors!: FieldError[];
}

export function renderFieldErrors(issues: FieldIssue[], locale: Locale): FieldError[] {
  return issues.map((i) => Object.assign(new FieldError(), { field: i.field, code: i.code, message: errorMessage(i.code, locale, i.item) }));
}

export function inputValidationError(issues: FieldIssue[], locale: Locale): InputValidationError {
  const code = summaryCode(issues);
  return Object.assign(new InputValidationError(), {
    code,
    message: errorMessage(code, locale),
    fieldErrors: renderFieldErrors(issues, locale),
  });
}

/** Builds a simple error result (one code, one message) of the given class. */
export function errorResult<T extends ErrorResult>(
  Type: new () => T,
  code: ErrorCode,
  locale: Locale,
  extra: Partial<Omit<T, 'code' | 'message'>> = {},
  item?: ItemName,
): T {
  return Object.assign(new Type(), { code, message: errorMessage(code, locale, item), ...extra });
}
