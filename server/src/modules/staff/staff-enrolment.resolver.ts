import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { staffBadRequest } from '../../graphql/staff-guard.js';
import { enrolStaff, enrolmentPasskeyOptions, enrolmentView, type EnrolmentView } from './staff-enrolment.service.js';
import { EnrolStaffInput, EnrolStaffResult, InvalidLinkError, StaffEnrolled, StaffEnrolmentType } from './staff.types.js';

/** Enrolment through the one-time link (staff.md "Staff authentication"): public, the link's token is the credential. */
@Resolver()
export class StaffEnrolmentResolver {
  @Query(() => StaffEnrolmentType, { nullable: true, description: 'The enrolment a link offers; null when the link is not open.' })
  async staffEnrolment(@Arg('token', () => String) token: string, @Ctx() ctx: StaffContext): Promise<EnrolmentView | null> {
    return enrolmentView(ctx, token);
  }

  @Mutation(() => String, {
    description: 'WebAuthn creation options (JSON) for enrolling a passkey through the link; BAD_REQUEST when the link is not open.',
  })
  async staffPasskeyRegistrationOptions(@Arg('token', () => String) token: string, @Ctx() ctx: StaffContext): Promise<string> {
    const options = await enrolmentPasskeyOptions(ctx, token);
    if (options === null) throw staffBadRequest(ctx, 'STAFF_LINK_INVALID');
    return options;
  }

  @Mutation(() => EnrolStaffResult, { description: 'Sets the password and enrols TOTP and/or a passkey; the link is used up.' })
  async enrolStaff(@Arg('input', () => EnrolStaffInput) input: EnrolStaffInput, @Ctx() ctx: StaffContext): Promise<typeof EnrolStaffResult> {
    const outcome = await enrolStaff(ctx, input);
    switch (outcome.kind) {
      case 'invalid-input':
        return staffInputValidationError(outcome.issues, ctx.locale);
      case 'invalid-link':
        return staffErrorResult(InvalidLinkError, 'STAFF_LINK_INVALID', ctx.locale);
      case 'enrolled':
        return Object.assign(new StaffEnrolled(), { loginId: outcome.loginId, secondFactors: outcome.methods });
    }
  }
}
