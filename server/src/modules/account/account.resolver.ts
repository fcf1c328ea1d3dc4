import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireFullSession, requireSessionOrNone } from '../../graphql/auth-guard.js';
import { inputValidationError } from '../../graphql/error-types.js';
import { passwordExpiresAt } from '../password/password-expiry.js';
import { Municipality } from '../reference/reference.types.js';
import { findMunicipality, retiredMunicipality } from '../reference/municipality-data.js';
import type { UserView } from './user-view.js';
import { menuFor } from './menu.js';
import { MenuItem, User } from './user.types.js';
import { updateUser } from './update-user.service.js';
import { UpdateUserInput, UpdateUserResult, UpdateUserSuccess } from './update-user.types.js';

@Resolver(() => User)
export class AccountResolver {
  @Query(() => User, { nullable: true, description: 'The logged-in user; null without a token.' })
  async me(@Ctx() ctx: Context): Promise<UserView | null> {
    const auth = await requireSessionOrNone(ctx);
    return auth?.user ?? null;
  }

  @Mutation(() => UpdateUserResult, {
    description: '利用者情報変更: the residence (both parts), the phone number and the e-mail address of the logged-in user.',
  })
  async updateUser(@Arg('input', () => UpdateUserInput) input: UpdateUserInput, @Ctx() ctx: Context): Promise<typeof UpdateUserResult> {
    const { session } = await requireFullSession(ctx);
    const result = await updateUser(ctx, session.userId, input);
    if (!result.ok) return inputValidationError(result.issues, ctx.locale);
    return Object.assign(new UpdateUserSuccess(), result.value);
  }

  @FieldResolver(() => Municipality)
  residence(@Root() user: UserView): Municipality {
    // A code that left the dataset (a municipal merger) still shows, with its code as the name.
    return findMunicipality(user.residenceCode) ?? retiredMunicipality(user.residenceCode);
  }

  @FieldResolver(() => Date, { nullable: true, description: '前回ログイン日時: the login before the current one' })
  previousLoginAt(@Root() user: UserView): Date | null {
    return user.previousLoginAt ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'null when passwords do not expire' })
  passwordExpiresAt(@Root() user: UserView, @Ctx() ctx: Context): Date | null {
    return passwordExpiresAt(ctx.config, user.passwordChangedAt);
  }

  @FieldResolver(() => [MenuItem])
  async menu(@Root() user: UserView, @Ctx() ctx: Context): Promise<MenuItem[]> {
    const auth = await ctx.auth(); // already resolved for `me`: no second lookup
    return menuFor(user.userClass, ctx.locale, auth.kind === 'session' && auth.session.restricted);
  }
}
