import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireSessionOrNone } from '../../graphql/auth-guard.js';
import { Session } from './session.types.js';

@Resolver(() => Session)
export class SessionResolver {
  /**
   * The deadline a client's timeout warning follows (screen 15). It comes from the same session lookup as `me`, so a
   * page asking for both makes one lookup, and the deadline it gets is the one that lookup just set.
   */
  @Query(() => Session, { nullable: true, description: 'The session of the token sent; null without a token; session problems as for me.' })
  async session(@Ctx() ctx: Context): Promise<Session | null> {
    const auth = await requireSessionOrNone(ctx);
    if (!auth) return null;
    const { expiresAt } = auth.session;
    // Rounded up, so a client that waits this long never looks before the server's deadline.
    const expiresInSeconds = Math.max(0, Math.ceil((expiresAt.getTime() - ctx.clock.now().getTime()) / 1000));
    return Object.assign(new Session(), { expiresAt, expiresInSeconds });
  }
}
