import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { ApplicantNotFoundError, InvalidStateError, staffBadRequest, staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { requireStaffSession } from '../../graphql/staff-guard.js';
import {
  renotifyAuthId,
  resumeApplicant,
  sendPasswordResetLink,
  setUsageExpiry,
  suspendApplicant,
  unlockApplicant,
  type ApplicantActionOutcome,
} from './applicant-actions.service.js';
import {
  ApplicantActionDone,
  ApplicantActionInput,
  ApplicantActionResult,
  ApplicantConnection,
  ApplicantDetailType,
  ApplicantFilterInput,
  AuthIdRenotified,
  RenotifyAuthIdInput,
  RenotifyAuthIdResult,
  UsageExpiryInput,
} from './applicant-admin.types.js';
import { searchApplicants, viewApplicant } from './applicant-search.service.js';
import type { ApplicantDetailView } from './applicant-view.js';

function actionResult(outcome: ApplicantActionOutcome, ctx: StaffContext): typeof ApplicantActionResult {
  switch (outcome.kind) {
    case 'invalid-input':
      return staffInputValidationError(outcome.issues, ctx.locale);
    case 'not-found':
      return staffErrorResult(ApplicantNotFoundError, 'APPLICANT_NOT_FOUND', ctx.locale);
    case 'invalid-state':
      return staffErrorResult(InvalidStateError, 'INVALID_STATE', ctx.locale);
    case 'done':
      return Object.assign(new ApplicantActionDone(), { applicant: outcome.applicant });
  }
}

/** The staff operations on applicant accounts (roles: graphql/staff-permissions.ts). Every call is audited. */
@Resolver()
export class ApplicantAdminResolver {
  @Query(() => ApplicantConnection, {
    description: 'Searches applicant accounts (audited with the filter). An invalid filter is BAD_REQUEST with reason INVALID_FILTER.',
  })
  async applicants(
    @Arg('filter', () => ApplicantFilterInput) filter: ApplicantFilterInput,
    @Arg('first', () => Int, { nullable: true, description: '1–100, default 20' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'the endCursor of the previous page' }) after: string | null,
    @Ctx() ctx: StaffContext,
  ): Promise<ApplicantConnection> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await searchApplicants(ctx, staff, { filter, first, after });
    if (outcome.kind === 'invalid-input') {
      const fields = staffInputValidationError(outcome.issues, ctx.locale).fieldErrors.map((f) => `${f.field}: ${f.message}`).join(' ');
      throw staffBadRequest(outcome.issues, ctx.locale, { reason: 'INVALID_FILTER', message: fields });
    }
    return Object.assign(new ApplicantConnection(), outcome);
  }

  @Query(() => ApplicantDetailType, { nullable: true, description: 'One applicant account by 認証ID (null: none); every read is audited.' })
  async applicant(@Arg('authId', () => String) authId: string, @Ctx() ctx: StaffContext): Promise<ApplicantDetailView | null> {
    const { staff } = await requireStaffSession(ctx);
    return viewApplicant(ctx, staff, authId);
  }

  @Mutation(() => ApplicantActionResult, { description: 'Releases a lock (failed logins); the applicant can log in at once. Mails the applicant.' })
  async unlockApplicant(@Arg('input', () => ApplicantActionInput) input: ApplicantActionInput, @Ctx() ctx: StaffContext): Promise<typeof ApplicantActionResult> {
    const { staff } = await requireStaffSession(ctx);
    return actionResult(await unlockApplicant(ctx, staff, input), ctx);
  }

  @Mutation(() => ApplicantActionResult, { description: 'Mails a password reset link to the registered address.' })
  async sendPasswordResetLink(@Arg('input', () => ApplicantActionInput) input: ApplicantActionInput, @Ctx() ctx: StaffContext): Promise<typeof ApplicantActionResult> {
    const { staff } = await requireStaffSession(ctx);
    return actionResult(await sendPasswordResetLink(ctx, staff, input), ctx);
  }

  @Mutation(() => RenotifyAuthIdResult, { description: 'Mails the 認証ID to the registered address; answers only the masked address.' })
  async renotifyAuthId(@Arg('input', () => RenotifyAuthIdInput) input: RenotifyAuthIdInput, @Ctx() ctx: StaffContext): Promise<typeof RenotifyAuthIdResult> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await renotifyAuthId(ctx, staff, input);
    if (outcome.kind === 'invalid-input') return staffInputValidationError(outcome.issues, ctx.locale);
    if (outcome.kind === 'not-found') return staffErrorResult(ApplicantNotFoundError, 'APPLICANT_NOT_FOUND', ctx.locale);
    return Object.assign(new AuthIdRenotified(), { mailedTo: outcome.mailedTo });
  }

  @Mutation(() => ApplicantActionResult, { description: '利用停止: login answers WZBAM155E, live sessions end. Mails the applicant.' })
  async suspendApplicant(@Arg('input', () => ApplicantActionInput) input: ApplicantActionInput, @Ctx() ctx: StaffContext): Promise<typeof ApplicantActionResult> {
    const { staff } = await requireStaffSession(ctx);
    return actionResult(await suspendApplicant(ctx, staff, input), ctx);
  }

  @Mutation(() => ApplicantActionResult, { description: 'Lifts a suspension. Mails the applicant.' })
  async resumeApplicant(@Arg('input', () => ApplicantActionInput) input: ApplicantActionInput, @Ctx() ctx: StaffContext): Promise<typeof ApplicantActionResult> {
    const { staff } = await requireStaffSession(ctx);
    return actionResult(await resumeApplicant(ctx, staff, input), ctx);
  }

  @Mutation(() => ApplicantActionResult, { description: 'Sets the last day of use (Japan); login answers WZBAM151E after it. Mails the applicant.' })
  async setUsageExpiry(@Arg('input', () => UsageExpiryInput) input: UsageExpiryInput, @Ctx() ctx: StaffContext): Promise<typeof ApplicantActionResult> {
    const { staff } = await requireStaffSession(ctx);
    return actionResult(await setUsageExpiry(ctx, staff, input), ctx);
  }
}
