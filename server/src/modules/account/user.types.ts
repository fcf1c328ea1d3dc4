import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorCodeEnum } from '../../graphql/error-types.js';
import type { ErrorCode } from '../../errors/error-code.js';
import { USER_CLASSES } from './user.entity.js';

export const SexEnum = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;
registerEnumType(SexEnum, { name: 'Sex' });

export const UserClassEnum = Object.fromEntries(USER_CLASSES.map((c) => [c, c])) as { [K in (typeof USER_CLASSES)[number]]: K };
registerEnumType(UserClassEnum, {
  name: 'UserClass',
  description: '利用者の区分. COUNTER_COE_RECIPIENT: (窓口申請)在留資格認定証明書電子交付希望者.',
});

export const MenuKeyEnum = {
  APPLICATION_ENTRY: 'APPLICATION_ENTRY',
  APPLICATION_BULK_ENTRY: 'APPLICATION_BULK_ENTRY',
  APPLICATION_SEARCH: 'APPLICATION_SEARCH',
  /** 在留資格認定証明書（電子交付）: the counter class's COEs (docs/spec/coe.md), listed for that class only */
  COE: 'COE',
  USER_INFO: 'USER_INFO',
} as const;
export type MenuKey = keyof typeof MenuKeyEnum;
registerEnumType(MenuKeyEnum, { name: 'MenuKey' });

@ObjectType()
export class MenuItem {
  @Field(() => MenuKeyEnum) key!: MenuKey;
  @Field(() => Boolean) available!: boolean;
  @Field(() => ErrorCodeEnum, {
    nullable: true,
    description: 'WZBAM250E for the counter class; null for the other classes while the function is not built yet',
  })
  unavailableReason!: ErrorCode | null;

  @Field(() => String, { nullable: true, description: "the reason's text in the request language" })
  unavailableMessage!: string | null;
}

/** 利用者情報. Resolved from the UserAccount entity; `residence`, `menu` and the dates come from field resolvers. */
@ObjectType({ description: '利用者情報 (user information).' })
export class User {
  @Field(() => String, { description: '認証ID' }) authId!: string;
  @Field(() => String) name!: string;
  @Field(() => SexEnum) sex!: 'MALE' | 'FEMALE';
  @Field(() => String, { description: 'YYYY-MM-DD' }) birthDate!: string;
  @Field(() => String) residenceAddress!: string;
  @Field(() => String) phone!: string;
  @Field(() => String) email!: string;
  @Field(() => UserClassEnum) userClass!: (typeof USER_CLASSES)[number];
}
