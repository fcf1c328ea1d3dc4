import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { errorResult, inputValidationError } from '../../graphql/error-types.js';
import { requireSession } from '../../graphql/auth-guard.js';
import { UserAccountSchema } from '../account/user.entity.js';
import { recordEvent } from '../audit/audit.js';
import { login } from './login.service.js';
import { revokeSession } from './session.service.js';
import {
  AccountLockedError,
  AccountUnavailableError,
  InvalidCredentialsError,
  LoggedOut,
  LoginInput,
  LoginResult,
  LoginSuccess,
  LogoutResult,
  PasswordExpiredError,
} from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult)
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context): Promise<typeof LoginResult> {
    const outcome = await login(ctx, input);
    switch (outcome.kind) {
      case 'invalid-input':
        return inputValidationError(outcome.issues, ctx.locale);
      case 'invalid-credentials':
        return errorResult(InvalidCredentialsError, 'WZBAM005E', ctx.locale, {}, 'credentials');
      case 'locked':
        return errorResult(AccountLockedError, 'WZBAM153E', ctx.locale, { lockedUntil: outcome.lockedUntil });
      case 'unavailable':
        return errorResult(AccountUnavailableError, outcome.code, ctx.locale, {});
      case 'password-expired':
        return errorResult(PasswordExpiredError, 'WZBAM158E', ctx.locale, { token: outcome.token, expiresAt: outcome.session.expiresAt });
      case 'success': {
        const user = await ctx.em.findOneOrFail(UserAccountSchema, { id: outcome.userId });
        return Object.assign(new LoginSuccess(), { token: outcome.token, user, expiresAt: outcome.session.expiresAt });
      }
    }
  }

  @Mutation(() => LogoutResult, { description: 'Ends the current session; the token is useless afterwards.' })
  async logout(@Ctx() ctx: Context): Promise<typeof LogoutResult> {
    const { session } = await requireSession(ctx);
    await ctx.em.transactional(async (em) => {
      const now = ctx.clock.now();
      await revokeSession(em, session.id, 'LOGOUT', now);
      await recordEvent(em, { type: 'LOGOUT', userId: session.userId, ip: ctx.ip, userAgent: ctx.userAgent }, now, ctx.log);
    });
    return Object.assign(new LoggedOut(), { ok: true });
  }
}
