import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { InvalidStateError, staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { requireStaffSession } from '../../graphql/staff-guard.js';
import { createStaffMember, disableStaffMember, resetStaffSecondFactor, setStaffRoles, type StaffAdminOutcome } from './staff-admin.service.js';
import { listStaffMemberViews, type StaffMemberView } from './staff-member-view.js';
import {
  SelfActionError,
  StaffMemberInput,
  StaffMemberResult,
  StaffMemberSaved,
  StaffMemberType,
  StaffNotFoundError,
  StaffRolesInput,
} from './staff.types.js';

function result(outcome: StaffAdminOutcome, ctx: StaffContext): typeof StaffMemberResult {
  switch (outcome.kind) {
    case 'invalid-input':
      return staffInputValidationError(outcome.issues, ctx.locale);
    case 'not-found':
      return staffErrorResult(StaffNotFoundError, 'STAFF_NOT_FOUND', ctx.locale);
    case 'self':
      return staffErrorResult(SelfActionError, 'SELF_ACTION', ctx.locale);
    case 'invalid-state':
      return staffErrorResult(InvalidStateError, 'INVALID_STATE', ctx.locale);
    case 'saved':
      return Object.assign(new StaffMemberSaved(), { staff: outcome.staff });
  }
}

/** Staff administration (STAFF_ADMIN; the permission map says so, staff-permissions.ts). Every change is audited. */
@Resolver()
export class StaffAdminResolver {
  @Query(() => [StaffMemberType])
  async staffMembers(@Ctx() ctx: StaffContext): Promise<StaffMemberView[]> {
    await requireStaffSession(ctx);
    return listStaffMemberViews(ctx.em);
  }

  @Mutation(() => StaffMemberResult, { description: 'Creates a staff member and mails the enrolment link (ja then en).' })
  async createStaffMember(@Arg('input', () => StaffMemberInput) input: StaffMemberInput, @Ctx() ctx: StaffContext): Promise<typeof StaffMemberResult> {
    const { staff } = await requireStaffSession(ctx);
    return result(await createStaffMember(ctx, staff, input), ctx);
  }

  @Mutation(() => StaffMemberResult, { description: "Replaces a member's roles; no one changes their own." })
  async setStaffRoles(@Arg('input', () => StaffRolesInput) input: StaffRolesInput, @Ctx() ctx: StaffContext): Promise<typeof StaffMemberResult> {
    const { staff } = await requireStaffSession(ctx);
    return result(await setStaffRoles(ctx, staff, input), ctx);
  }

  @Mutation(() => StaffMemberResult, { description: 'Disables a member (not oneself); their sessions end.' })
  async disableStaffMember(@Arg('id', () => ID) id: string, @Ctx() ctx: StaffContext): Promise<typeof StaffMemberResult> {
    const { staff } = await requireStaffSession(ctx);
    return result(await disableStaffMember(ctx, staff, id), ctx);
  }

  @Mutation(() => StaffMemberResult, { description: "Resets a member's second factor (not one's own) and mails a new enrolment link." })
  async resetStaffSecondFactor(@Arg('id', () => ID) id: string, @Ctx() ctx: StaffContext): Promise<typeof StaffMemberResult> {
    const { staff } = await requireStaffSession(ctx);
    return result(await resetStaffSecondFactor(ctx, staff, id), ctx);
  }
}
