import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { errorResult, inputValidationError } from '../../graphql/error-types.js';
import { requireSession } from '../../graphql/auth-guard.js';
import { User } from '../account/user.types.js';
import { findUserView, type UserView } from '../account/user-view.js';
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
        return Object.assign(new LoginSuccess(), { token: outcome.token, userId: outcome.userId, expiresAt: outcome.session.expiresAt });
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

@Resolver(() => LoginSuccess)
export class LoginSuccessResolver {
  /** Read after the login committed, so it shows the login just recorded (前回ログイン日時 is the one before). */
  @FieldResolver(() => User)
  async user(@Root() success: LoginSuccess, @Ctx() ctx: Context): Promise<UserView> {
    const user = await findUserView(ctx.em, success.userId);
    if (!user) throw new Error('the account of a session that just started is gone');
    return user;
  }
}
