import { createUnionType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { ErrorResult, InputValidationError } from '../../graphql/error-types.js';

@ObjectType({ description: 'The password rule (rules.md §3), so every client shows the same rule text.' })
export class PasswordPolicy {
  @Field(() => Int) minLength!: number;
  @Field(() => Int) maxLength!: number;
  @Field(() => String, { description: 'the symbols allowed, at least one of which is required' }) symbols!: string;
  @Field(() => Boolean) requiresLetter!: boolean;
  @Field(() => Boolean) requiresDigit!: boolean;
  @Field(() => Boolean) requiresSymbol!: boolean;
  @Field(() => Boolean, { description: 'a password may not contain the 認証ID' }) forbidsAuthId!: boolean;
  @Field(() => Boolean, { description: 'passwords from a list of common passwords are refused' }) forbidsCommon!: boolean;
  @Field(() => Int, { description: 'days until a password expires; 0 = never' }) maxAgeDays!: number;
}

@InputType()
export class SetPasswordInput {
  @Field(() => String, { nullable: true, description: 'the token from the e-mailed link' }) token?: string | null;
  @Field(() => String, { nullable: true }) password?: string | null;
  @Field(() => String, { nullable: true }) passwordConfirmation?: string | null;
}

@ObjectType()
export class PasswordSet {
  @Field(() => String, { description: '認証ID of the account, so the completion page can show it' }) authId!: string;
}

@ObjectType({ implements: ErrorResult, description: 'LINK_INVALID: the link is unknown, used, expired or replaced by a newer one.' })
export class InvalidLinkError extends ErrorResult {}

export const SetPasswordResult = createUnionType({
  name: 'SetPasswordResult',
  types: () => [PasswordSet, InputValidationError, InvalidLinkError] as const,
});
