import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_CODES, type ErrorCode } from '../errors/error-code.js';
import type { FieldIssue, ItemName } from '../errors/field-issue.js';
import { summaryCode } from '../errors/summary-code.js';
import { errorMessage, fieldMessages } from '../i18n/error-messages.js';
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

  @Field(() => String, { description: 'What is wrong, naming the item (e.g. which password rule failed), without the code.' })
  message!: string;

  @Field(() => String, {
    description:
      'What is wrong in a few words, without the item and the code: for a list that names the field itself, e.g. an error summary\'s "Name: Please fill this in."',
  })
  shortMessage!: string;
}

@ObjectType({ implements: ErrorResult, description: 'All invalid fields at once, in form order.' })
export class InputValidationError extends ErrorResult {
  @Field(() => [FieldError])
  fieldErrors!: FieldError[];
}

export function renderFieldErrors(issues: FieldIssue[], locale: Locale): FieldError[] {
  return issues.map((i) => Object.assign(new FieldError(), { field: i.field, code: i.code, ...fieldMessages(i, locale) }));
}

/** The summary's message names the items of the fields that carry its code (when its text has 【入力項目名】). */
export function inputValidationError(issues: FieldIssue[], locale: Locale): InputValidationError {
  const code = summaryCode(issues);
  const items = issues.filter((i) => i.code === code && i.item).map((i) => i.item as ItemName);
  return Object.assign(new InputValidationError(), {
    code,
    message: errorMessage(code, locale, items),
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
