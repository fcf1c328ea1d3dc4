import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { errorResult, inputValidationError } from '../../graphql/error-types.js';
import { PASSWORD_POLICY } from './password-policy.js';
import { setPasswordFromLink } from './set-password.service.js';
import { InvalidLinkError, PasswordPolicy, PasswordSet, SetPasswordInput, SetPasswordResult } from './password.types.js';

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
    };
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
        return Object.assign(new PasswordSet(), { authId: outcome.authId });
    }
  }
}
