import { Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { listPublishedNotices, type PublicNoticeView } from './notice-view.js';

@ObjectType({ description: 'お知らせ on the top page, in the request language.' })
export class Notice {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) publishedOn!: string;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
}

/** The applicant side of the notices: public, what the top page lists. */
@Resolver()
export class PublicNoticesResolver {
  @Query(() => [Notice], {
    description: 'Notices, newest first, in the request language: only those inside their publication window now and not withdrawn.',
  })
  async notices(@Ctx() ctx: Context): Promise<PublicNoticeView[]> {
    return listPublishedNotices(ctx.em, ctx.clock.now(), ctx.locale);
  }
}
