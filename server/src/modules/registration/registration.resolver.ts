import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { inputValidationError } from '../../graphql/error-types.js';
import { findMunicipality } from '../reference/municipality-data.js';
import { register, validateRegistration } from './registration.service.js';
import {
  RegisterInput,
  RegisterResult,
  RegistrationAccepted,
  RegistrationPreview,
  RegistrationValid,
  ValidateRegistrationResult,
} from './registration.types.js';

@Resolver()
export class RegistrationResolver {
  @Mutation(() => ValidateRegistrationResult, { description: 'STEP1 → STEP2: checks every field; creates nothing.' })
  validateRegistration(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: Context): typeof ValidateRegistrationResult {
    const checked = validateRegistration(ctx, input);
    if (!checked.ok) return inputValidationError(checked.issues, ctx.locale);
    const { residenceCode, ...rest } = checked.value;
    const preview = Object.assign(new RegistrationPreview(), { ...rest, residence: findMunicipality(residenceCode) });
    return Object.assign(new RegistrationValid(), { preview });
  }

  @Mutation(() => RegisterResult, { description: 'STEP2 → STEP3: creates the account and mails the 認証ID and the password link.' })
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: Context): Promise<typeof RegisterResult> {
    const result = await register(ctx, input);
    if (!result.ok) return inputValidationError(result.issues, ctx.locale);
    return Object.assign(new RegistrationAccepted(), { email: result.value.email });
  }
}
