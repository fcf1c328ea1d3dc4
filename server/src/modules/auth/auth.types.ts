import { createUnionType, Field, InputType, ObjectType } from 'type-graphql';
import { ErrorResult, InputValidationError } from '../../graphql/error-types.js';

@InputType()
export class LoginInput {
  @Field(() => String, { nullable: true, description: '認証ID (case and width are normalized)' }) authId?: string | null;
  @Field(() => String, { nullable: true }) password?: string | null;
}

@ObjectType()
export class LoginSuccess {
  @Field(() => String, { description: 'Bearer token for this session; keep it secret' }) token!: string;
  /** whose session it is; `user` (a field resolver in auth.resolver.ts) reads the account only when asked for */
  userId!: string;
  @Field(() => Date, { description: 'when the session ends without activity (idle limit, capped by the absolute limit)' })
  expiresAt!: Date;
}

@ObjectType({ implements: ErrorResult, description: 'WZBAM005E: wrong 認証ID or password (the same answer for both).' })
export class InvalidCredentialsError extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: 'WZBAM153E, shown only after the right password.' })
export class AccountLockedError extends ErrorResult {
  @Field(() => Date) lockedUntil!: Date;
}

@ObjectType({
  implements: ErrorResult,
  description: 'WZBAM158E: the password expired. `token` is a restricted session that may only call changePassword, logout and me.',
})
export class PasswordExpiredError extends ErrorResult {
  @Field(() => String) token!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType({ implements: ErrorResult, description: 'WZBAM150E / WZBAM151E / WZBAM155E / WZBAM156E, shown only after the right password.' })
export class AccountUnavailableError extends ErrorResult {}

export const LoginResult = createUnionType({
  name: 'LoginResult',
  types: () => [LoginSuccess, InputValidationError, InvalidCredentialsError, AccountLockedError, PasswordExpiredError, AccountUnavailableError] as const,
});

@ObjectType()
export class LoggedOut {
  @Field(() => Boolean) ok!: boolean;
}

export const LogoutResult = createUnionType({ name: 'LogoutResult', types: () => [LoggedOut] as const });
