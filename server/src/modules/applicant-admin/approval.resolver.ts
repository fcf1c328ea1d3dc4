import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { ApplicantNotFoundError, InvalidStateError, staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { requireStaffSession } from '../../graphql/staff-guard.js';
import {
  ApplicantActionInput,
  ApprovalDecided,
  ApprovalDecisionInput,
  ApprovalDecisionResult,
  ApprovalRequested,
  ApprovalRequestNotFoundError,
  ApprovalRequestResult,
  ApprovalRequestType,
  ApprovalStateEnum,
  EmailCorrectionInput,
  SelfApprovalError,
} from './applicant-admin.types.js';
import type { ApprovalState } from './approval-kinds.js';
import {
  decideApprovalRequest,
  listApprovalRequests,
  requestApplicantDeletion,
  requestEmailCorrection,
  type ApprovalRequestOutcome,
  type ApprovalRequestView,
} from './approval.service.js';

function requestResult(outcome: ApprovalRequestOutcome, ctx: StaffContext): typeof ApprovalRequestResult {
  switch (outcome.kind) {
    case 'invalid-input':
      return staffInputValidationError(outcome.issues, ctx.locale);
    case 'not-found':
      return staffErrorResult(ApplicantNotFoundError, 'APPLICANT_NOT_FOUND', ctx.locale);
    case 'invalid-state':
      return staffErrorResult(InvalidStateError, 'INVALID_STATE', ctx.locale);
    case 'requested':
      return Object.assign(new ApprovalRequested(), { request: outcome.request });
  }
}

/** Dual control: requests (deletion, e-mail correction) and their decision by another SUPERVISOR. All audited. */
@Resolver()
export class ApprovalResolver {
  @Query(() => [ApprovalRequestType], { description: 'Newest first (at most 200); all states when `state` is omitted.' })
  async approvalRequests(@Arg('state', () => ApprovalStateEnum, { nullable: true }) state: ApprovalState | null, @Ctx() ctx: StaffContext): Promise<ApprovalRequestView[]> {
    await requireStaffSession(ctx);
    return listApprovalRequests(ctx.em, state, ctx.clock.now());
  }

  @Mutation(() => ApprovalRequestResult, { description: 'Asks for 抹消 (deletion); another SUPERVISOR must approve it within 7 days.' })
  async requestApplicantDeletion(@Arg('input', () => ApplicantActionInput) input: ApplicantActionInput, @Ctx() ctx: StaffContext): Promise<typeof ApprovalRequestResult> {
    const { staff } = await requireStaffSession(ctx);
    return requestResult(await requestApplicantDeletion(ctx, staff, input), ctx);
  }

  @Mutation(() => ApprovalRequestResult, { description: "Asks for a correction of the applicant's e-mail address; another SUPERVISOR must approve it." })
  async requestEmailCorrection(@Arg('input', () => EmailCorrectionInput) input: EmailCorrectionInput, @Ctx() ctx: StaffContext): Promise<typeof ApprovalRequestResult> {
    const { staff } = await requireStaffSession(ctx);
    return requestResult(await requestEmailCorrection(ctx, staff, input), ctx);
  }

  @Mutation(() => ApprovalDecisionResult, { description: 'Approves (carrying the change out at once) or rejects a pending request; not one\'s own.' })
  async decideApprovalRequest(@Arg('input', () => ApprovalDecisionInput) input: ApprovalDecisionInput, @Ctx() ctx: StaffContext): Promise<typeof ApprovalDecisionResult> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await decideApprovalRequest(ctx, staff, input);
    switch (outcome.kind) {
      case 'invalid-input':
        return staffInputValidationError(outcome.issues, ctx.locale);
      case 'not-found':
        return staffErrorResult(ApprovalRequestNotFoundError, 'APPROVAL_REQUEST_NOT_FOUND', ctx.locale);
      case 'self':
        return staffErrorResult(SelfApprovalError, 'SELF_APPROVAL', ctx.locale);
      case 'invalid-state':
        return staffErrorResult(InvalidStateError, 'INVALID_STATE', ctx.locale);
      case 'decided':
        return Object.assign(new ApprovalDecided(), { request: outcome.request });
    }
  }
}
