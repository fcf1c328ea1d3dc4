import { createUnionType, Field, InputType, ObjectType } from 'type-graphql';
import { InputValidationError } from '../../graphql/error-types.js';
import { SexEnum, UserClassEnum } from '../account/user.types.js';
import { Municipality } from '../reference/reference.types.js';

/** Every field is a String (termsAccepted a Boolean) and validated in the service: a bad value is a field error. */
@InputType()
export class RegisterInput {
  @Field(() => String, { nullable: true, description: '利用者氏名, e.g. HOUMU TARO' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'MALE or FEMALE' }) sex?: string | null;
  @Field(() => String, { nullable: true }) birthYear?: string | null;
  @Field(() => String, { nullable: true }) birthMonth?: string | null;
  @Field(() => String, { nullable: true }) birthDay?: string | null;
  @Field(() => String, { nullable: true, description: '6-digit code of a municipality or designated-city ward' }) residenceCode?: string | null;
  @Field(() => String, { nullable: true, description: '住居地(町名丁目番地号等)' }) residenceAddress?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) emailConfirmation?: string | null;
  @Field(() => String, { nullable: true, description: 'a UserClass name' }) userClass?: string | null;
  @Field(() => Boolean, { nullable: true }) termsAccepted?: boolean | null;
}

@ObjectType({ description: 'The normalized values, for the confirmation screen (STEP2).' })
export class RegistrationPreview {
  @Field(() => String) name!: string;
  @Field(() => SexEnum) sex!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) birthDate!: string;
  @Field(() => Municipality) residence!: Municipality;
  @Field(() => String) residenceAddress!: string;
  @Field(() => String) phone!: string;
  @Field(() => String) email!: string;
  @Field(() => UserClassEnum) userClass!: string;
}

@ObjectType()
export class RegistrationValid {
  @Field(() => RegistrationPreview) preview!: RegistrationPreview;
}

@ObjectType()
export class RegistrationAccepted {
  @Field(() => String, { description: 'the address the registration mail was sent to' }) email!: string;
}

export const ValidateRegistrationResult = createUnionType({
  name: 'ValidateRegistrationResult',
  types: () => [RegistrationValid, InputValidationError] as const,
});

export const RegisterResult = createUnionType({
  name: 'RegisterResult',
  types: () => [RegistrationAccepted, InputValidationError] as const,
});
