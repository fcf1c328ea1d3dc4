import { createUnionType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorResult, InputValidationError } from '../../graphql/error-types.js';
import { User } from '../account/user.types.js';
import { LINK_PURPOSES, type LinkPurpose } from './email-link.entity.js';

export const LinkPurposeEnum = Object.fromEntries(LINK_PURPOSES.map((p) => [p, p])) as { [K in LinkPurpose]: K };
registerEnumType(LinkPurposeEnum, {
  name: 'LinkPurpose',
  description: 'What an e-mailed password link is for: screen 4 is パスワード登録 or パスワード再設定 accordingly.',
  valuesConfig: {
    FIRST_PASSWORD: { description: 'the first password, from the registration mail (パスワード登録)' },
    RESET: { description: 'a new password, from a forgot-password mail (パスワード再設定)' },
  },
});

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
  @Field(() => String, {
    description: 'the example password the rule text shows; it is refused itself (PASSWORD_TOO_COMMON), as are its variants',
  })
  example!: string;
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
  @Field(() => LinkPurposeEnum, { description: 'the link that was used: the completion page is パスワード登録完了 or パスワード再設定完了' })
  purpose!: LinkPurpose;
}

@ObjectType({ implements: ErrorResult, description: 'LINK_INVALID: the link is unknown, used, expired or replaced by a newer one.' })
export class InvalidLinkError extends ErrorResult {}

@ObjectType({
  description:
    'Whether an e-mailed link can set a password now (the rules setPassword applies), and what for. Reading it consumes nothing; an unknown token counts toward the unknown-link limit like setPassword.',
})
export class PasswordLinkStatus {
  @Field(() => Boolean, { description: 'true when setPassword with this token would accept a valid password now' })
  usable!: boolean;

  @Field(() => LinkPurposeEnum, { nullable: true, description: 'what the link is for; null when it is not usable' })
  purpose!: LinkPurpose | null;

  @Field(() => InvalidLinkError, {
    nullable: true,
    description: 'when not usable: LINK_INVALID with its message in the request language, as setPassword would answer; else null',
  })
  error!: InvalidLinkError | null;
}

export const SetPasswordResult = createUnionType({
  name: 'SetPasswordResult',
  types: () => [PasswordSet, InputValidationError, InvalidLinkError] as const,
});

@InputType()
export class ChangePasswordInput {
  @Field(() => String, { nullable: true, description: '現在のパスワード' }) currentPassword?: string | null;
  @Field(() => String, { nullable: true, description: '新しいパスワード' }) newPassword?: string | null;
  @Field(() => String, { nullable: true, description: '新しいパスワード(確認)' }) newPasswordConfirmation?: string | null;
}

@ObjectType()
export class ChangePasswordSuccess {
  @Field(() => String, {
    description: 'the rotated session token: the one sent with this request, and every other session, no longer work',
  })
  token!: string;

  @Field(() => Date, { description: 'when the new session ends without activity (idle limit, capped by the absolute limit)' })
  expiresAt!: Date;

  @Field(() => User, { description: 'the user; the completion screen names `email`, where the notice was sent' })
  user!: object;
}

@ObjectType({
  implements: ErrorResult,
  description: 'WZBAM154E: the current password is wrong. The fifth in a row on one session ends the session (`sessionEnded`).',
})
export class WrongCurrentPasswordError extends ErrorResult {
  @Field(() => Boolean, { description: 'true when this answer ended the session: the user must log in again' })
  sessionEnded!: boolean;
}

export const ChangePasswordResult = createUnionType({
  name: 'ChangePasswordResult',
  types: () => [ChangePasswordSuccess, InputValidationError, WrongCurrentPasswordError] as const,
});

@InputType()
export class RequestPasswordResetInput {
  @Field(() => String, { nullable: true, description: '認証ID (case and width are normalized)' }) authId?: string | null;
  @Field(() => String, { nullable: true, description: 'the registered e-mail address (compared case-insensitively)' }) email?: string | null;
}

@ObjectType()
export class PasswordResetRequested {
  @Field(() => String, { description: 'the registered address the reset link was sent to' }) email!: string;
}

@ObjectType({
  implements: ErrorResult,
  description: 'WZBAM168E: the pair does not match an account that may reset its password (no link is sent).',
})
export class AuthIdEmailMismatchError extends ErrorResult {}

export const RequestPasswordResetResult = createUnionType({
  name: 'RequestPasswordResetResult',
  types: () => [PasswordResetRequested, InputValidationError, AuthIdEmailMismatchError] as const,
});
