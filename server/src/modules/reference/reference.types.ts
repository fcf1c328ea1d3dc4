import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A prefecture (都道府県) with its 6-digit 全国地方公共団体コード.' })
export class Prefecture {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'reading in hiragana' }) kana!: string;
  @Field(() => String, { description: 'in English (romaji without macrons, no 都/府/県), e.g. Tokyo, Hokkaido, Osaka' })
  nameEn!: string;
}

@ObjectType({ description: 'A selectable residence: a municipality or a designated-city ward (rules.md §1).' })
export class Municipality {
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'e.g. 千代田区, or 札幌市中央区 for a designated-city ward' }) name!: string;
  @Field(() => String, { description: 'reading of `name` in hiragana' }) kana!: string;
  @Field(() => String, { description: 'with the prefecture, e.g. 北海道札幌市中央区' }) fullName!: string;
  @Field(() => String, {
    description: 'in English (Hepburn romaji from the reading, no macrons), e.g. Chiyoda-ku, or Sapporo-shi Chuo-ku for a ward',
  })
  nameEn!: string;
  @Field(() => String, { description: 'in English with the prefecture, e.g. Sapporo-shi Chuo-ku, Hokkaido' })
  fullNameEn!: string;
  prefectureCode!: string;
}
