import { createUnionType, Field, InputType, ObjectType } from 'type-graphql';
import { InputValidationError } from '../../graphql/error-types.js';
import { User } from './user.types.js';

/**
 * 利用者情報変更 (screen 8). Only these can change: the residence (both parts together), the phone number and the
 * e-mail address. Every field is an optional String; a blank one means "no change". Nothing else of the account
 * (name, class, status, …) has an input field, so GraphQL itself refuses any attempt to send one.
 */
@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: '新しい住居地(都道府県市区町村): 6-digit code; with residenceAddress' })
  residenceCode?: string | null;

  @Field(() => String, { nullable: true, description: '新しい住居地(町名丁目番地号等); with residenceCode' })
  residenceAddress?: string | null;

  @Field(() => String, { nullable: true, description: '新しい連絡先' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: '新しいメールアドレス' }) email?: string | null;
  @Field(() => String, { nullable: true, description: '新しいメールアドレス(確認)' }) emailConfirmation?: string | null;
}

@ObjectType()
export class UpdateUserSuccess {
  @Field(() => User, { description: 'the user after the change' }) user!: object;

  @Field(() => String, {
    nullable: true,
    description: 'the new address when the e-mail address changed (the completion mail went there), else null',
  })
  notifiedEmail!: string | null;
}

export const UpdateUserResult = createUnionType({
  name: 'UpdateUserResult',
  types: () => [UpdateUserSuccess, InputValidationError] as const,
});
