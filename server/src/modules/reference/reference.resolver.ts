import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { NoticeSchema } from './notice.entity.js';
import { findPrefecture, listPrefectures, searchMunicipalities } from './municipality-data.js';
import { Municipality, Notice, Prefecture } from './reference.types.js';

@Resolver(() => Municipality)
export class ReferenceResolver {
  @Query(() => [Prefecture], { description: 'The 47 prefectures, in code order.' })
  prefectures(): Prefecture[] {
    return listPrefectures();
  }

  @Query(() => [Municipality], {
    description:
      'Selectable residences of a prefecture; every space-separated term of `search` matches the name, kana or ' +
      'English name (romaji with or without long vowels or macrons, with or without -shi/-ku/-machi/-cho/-mura/-son).',
  })
  municipalities(
    @Arg('prefectureCode', () => String) prefectureCode: string,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
  ): Municipality[] {
    if (prefectureCode.length > 20 || (search?.length ?? 0) > 100) return [];
    return searchMunicipalities(prefectureCode, search);
  }

  @FieldResolver(() => Prefecture)
  prefecture(@Root() municipality: Municipality): Prefecture {
    return findPrefecture(municipality.prefectureCode) as Prefecture;
  }

  @Query(() => [Notice], { description: 'Notices, newest first, in the request language.' })
  async notices(@Ctx() ctx: Context): Promise<Notice[]> {
    const rows = await ctx.em.find(NoticeSchema, {}, { orderBy: { publishedOn: 'desc', id: 'desc' } });
    return rows.map((n) => ({
      id: String(n.id),
      publishedOn: n.publishedOn,
      title: ctx.locale === 'en' ? n.titleEn : n.titleJa,
      body: ctx.locale === 'en' ? n.bodyEn : n.bodyJa,
    }));
  }
}
