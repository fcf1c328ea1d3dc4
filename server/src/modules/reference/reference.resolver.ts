import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findPrefecture, listPrefectures, searchMunicipalities } from './municipality-data.js';
import { Municipality, Prefecture } from './reference.types.js';

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
}
