import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Config } from '../../config.js';
import type { StaffContext } from '../../graphql/context.js';
import { ApplicantNotFoundError, InvalidStateError, staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { requireStaffSession } from '../../graphql/staff-guard.js';
import { verificationUrl } from './coe-code.js';
import {
  CoeIssued,
  CoeRevoked,
  DuplicateApplicationError,
  IssueCoeInput,
  IssueCoeResult,
  ReissueCoeInput,
  RevokeCoeInput,
  RevokeCoeResult,
  StaffCoeMailResent,
  StaffCoeNotFoundError,
  StaffCoeType,
  StaffResendCoeResult,
} from './coe-staff.types.js';
import { issueCoe, readCoe, reissueCoe, resendCoeMail, revokeCoe, type CoeOutcome } from './coe.service.js';
import type { CoeEventView, CoeView } from './coe-view.js';

/** A COE view as the staff `Coe` type (events only where they were read). */
export function staffCoe(config: Config, coe: CoeView, events: CoeEventView[] = []): StaffCoeType {
  return Object.assign(new StaffCoeType(), {
    ...coe,
    verificationUrl: verificationUrl(config, coe.verificationCode),
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      staffId: e.staffId,
      mail: (e.details.mail as string | undefined) ?? null,
      reason: (e.details.reason as string | undefined) ?? null,
    })),
  });
}

function failure(outcome: Exclude<CoeOutcome, { kind: 'done' }>, ctx: StaffContext) {
  switch (outcome.kind) {
    case 'invalid-input':
      return staffInputValidationError(outcome.issues, ctx.locale);
    case 'applicant-not-found':
      return staffErrorResult(ApplicantNotFoundError, 'APPLICANT_NOT_FOUND', ctx.locale);
    case 'coe-not-found':
      return staffErrorResult(StaffCoeNotFoundError, 'COE_NOT_FOUND', ctx.locale);
    case 'invalid-state':
      return staffErrorResult(InvalidStateError, 'INVALID_STATE', ctx.locale);
    case 'duplicate-application':
      return staffErrorResult(DuplicateApplicationError, 'DUPLICATE_APPLICATION', ctx.locale);
  }
}

/** The back office's COE operations (docs/spec/coe.md "Staff API"); roles in staff-permissions.ts. Every one is audited. */
@Resolver()
export class CoeStaffResolver {
  @Mutation(() => IssueCoeResult, { description: 'Issues a COE to an ACTIVE counter-class account and mails it (ja then en).' })
  async issueCoe(@Arg('input', () => IssueCoeInput) input: IssueCoeInput, @Ctx() ctx: StaffContext): Promise<typeof IssueCoeResult> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await issueCoe(ctx, staff, input);
    return outcome.kind === 'done' ? Object.assign(new CoeIssued(), { coe: staffCoe(ctx.config, outcome.coe) }) : failure(outcome, ctx);
  }

  @Mutation(() => RevokeCoeResult, { description: 'Revokes a COE (reason required) and mails the applicant.' })
  async revokeCoe(@Arg('input', () => RevokeCoeInput) input: RevokeCoeInput, @Ctx() ctx: StaffContext): Promise<typeof RevokeCoeResult> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await revokeCoe(ctx, staff, input);
    if (outcome.kind === 'done') return Object.assign(new CoeRevoked(), { coe: staffCoe(ctx.config, outcome.coe) });
    return failure(outcome, ctx) as typeof RevokeCoeResult;
  }

  @Mutation(() => IssueCoeResult, { description: 'Revokes a COE and issues a corrected one under a new number (replacedBy).' })
  async reissueCoe(@Arg('input', () => ReissueCoeInput) input: ReissueCoeInput, @Ctx() ctx: StaffContext): Promise<typeof IssueCoeResult> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await reissueCoe(ctx, staff, input);
    return outcome.kind === 'done' ? Object.assign(new CoeIssued(), { coe: staffCoe(ctx.config, outcome.coe) }) : failure(outcome, ctx);
  }

  @Mutation(() => StaffResendCoeResult, { description: 'Mails the COE again to the account’s current address.' })
  async resendCoeMail(@Arg('number', () => String) number: string, @Ctx() ctx: StaffContext): Promise<typeof StaffResendCoeResult> {
    const { staff } = await requireStaffSession(ctx);
    const outcome = await resendCoeMail(ctx, staff, number);
    if (outcome.kind === 'done') return Object.assign(new StaffCoeMailResent(), { coe: staffCoe(ctx.config, outcome.coe) });
    return failure(outcome, ctx) as typeof StaffResendCoeResult;
  }

  @Query(() => StaffCoeType, { nullable: true, description: 'A COE by its number (lenient input) with its history; null when there is none. Audited.' })
  async coe(@Arg('number', () => String) number: string, @Ctx() ctx: StaffContext): Promise<StaffCoeType | null> {
    const { staff } = await requireStaffSession(ctx);
    const coe = await readCoe(ctx, staff, number);
    return coe ? staffCoe(ctx.config, coe, coe.events) : null;
  }
}
