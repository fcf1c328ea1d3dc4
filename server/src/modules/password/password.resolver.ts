import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { errorResult, FieldError, inputValidationError, renderFieldErrors } from '../../graphql/error-types.js';
import { requireSession } from '../../graphql/auth-guard.js';
import { topLevelError } from '../../errors/graphql-errors.js';
import { UserAccountSchema } from '../account/user.entity.js';
import { changePassword } from './change-password.service.js';
import { checkNewPassword, PASSWORD_EXAMPLE, PASSWORD_POLICY } from './password-policy.js';
import { requestPasswordReset } from './reset-request.service.js';
import { passwordLinkState, setPasswordFromLink } from './set-password.service.js';
import {
  AuthIdEmailMismatchError,
  ChangePasswordInput,
  ChangePasswordResult,
  ChangePasswordSuccess,
  InvalidLinkError,
  PasswordLinkStatus,
  PasswordPolicy,
  PasswordResetRequested,
  PasswordSet,
  RequestPasswordResetInput,
  RequestPasswordResetResult,
  SetPasswordInput,
  SetPasswordResult,
  WrongCurrentPasswordError,
} from './password.types.js';

@Resolver()
export class PasswordResolver {
  @Query(() => PasswordPolicy)
  passwordPolicy(@Ctx() ctx: Context): PasswordPolicy {
    return {
      ...PASSWORD_POLICY,
      requiresLetter: true,
      requiresDigit: true,
      requiresSymbol: true,
      forbidsAuthId: true,
      forbidsCommon: true,
      maxAgeDays: ctx.config.passwordMaxAgeDays,
      example: PASSWORD_EXAMPLE,
    };
  }

  @Query(() => [FieldError], {
    description:
      "What the rules of a new password that need no account (format, common passwords, the published example) say of `password`: its problems, none when it passes them. For strength guides, so they never praise a password the server refuses; setPassword and changePassword check again, also against the 認証ID and the current password. Nothing is stored or logged.",
  })
  passwordCheck(@Arg('password', () => String) password: string, @Ctx() ctx: Context): FieldError[] {
    const issues = checkNewPassword({ password, confirmation: password }).filter((issue) => issue.field === 'password');
    return renderFieldErrors(issues, ctx.locale);
  }

  @Query(() => PasswordLinkStatus, {
    description:
      'Whether the token of an e-mailed link can set a password now, and whether it is a first password or a reset, so the link opens the right page at once. Consumes nothing; unknown tokens count toward the per-client unknown-link limit (RATE_LIMITED).',
  })
  async passwordLink(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<PasswordLinkStatus> {
    const state = await passwordLinkState(ctx, token);
    return Object.assign(new PasswordLinkStatus(), {
      usable: state.usable,
      purpose: state.usable ? state.purpose : null,
      error: state.usable ? null : errorResult(InvalidLinkError, 'LINK_INVALID', ctx.locale),
    });
  }

  @Mutation(() => SetPasswordResult, { description: 'Sets a password from an e-mailed link (first password or reset).' })
  async setPassword(@Arg('input', () => SetPasswordInput) input: SetPasswordInput, @Ctx() ctx: Context): Promise<typeof SetPasswordResult> {
    const outcome = await setPasswordFromLink(ctx, input);
    switch (outcome.kind) {
      case 'invalid-link':
        return errorResult(InvalidLinkError, 'LINK_INVALID', ctx.locale);
      case 'invalid-input':
        return inputValidationError(outcome.issues, ctx.locale);
      case 'success':
        return Object.assign(new PasswordSet(), { authId: outcome.authId, purpose: outcome.purpose });
    }
  }

  @Mutation(() => ChangePasswordResult, {
    description:
      'Changes the password of the logged-in user (also from the restricted session after WZBAM158E). Ends every session and answers a new token.',
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: Context,
  ): Promise<typeof ChangePasswordResult> {
    const { session, user } = await requireSession(ctx);
    const outcome = await changePassword(ctx, { session, authId: user.authId }, input);
    switch (outcome.kind) {
      case 'invalid-input':
        return inputValidationError(outcome.issues, ctx.locale);
      case 'wrong-current-password':
        return errorResult(WrongCurrentPasswordError, 'WZBAM154E', ctx.locale, { sessionEnded: outcome.sessionEnded });
      case 'session-ended':
        throw topLevelError('UNAUTHENTICATED', ctx.locale);
      case 'success': {
        const fresh = await ctx.em.findOneOrFail(UserAccountSchema, { id: outcome.userId }, { refresh: true });
        return Object.assign(new ChangePasswordSuccess(), { token: outcome.token, expiresAt: outcome.session.expiresAt, user: fresh });
      }
    }
  }

  @Mutation(() => RequestPasswordResetResult, {
    description: 'Forgot-password: mails a reset link when the 認証ID and the e-mail address name an account that may reset.',
  })
  async requestPasswordReset(
    @Arg('input', () => RequestPasswordResetInput) input: RequestPasswordResetInput,
    @Ctx() ctx: Context,
  ): Promise<typeof RequestPasswordResetResult> {
    const outcome = await requestPasswordReset(ctx, input);
    switch (outcome.kind) {
      case 'invalid-input':
        return inputValidationError(outcome.issues, ctx.locale);
      case 'mismatch':
        return errorResult(AuthIdEmailMismatchError, 'WZBAM168E', ctx.locale);
      case 'requested':
        return Object.assign(new PasswordResetRequested(), { email: outcome.email });
    }
  }
}
