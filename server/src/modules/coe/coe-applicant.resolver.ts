import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Config } from '../../config.js';
import type { Context } from '../../graphql/context.js';
import { requireFullSession } from '../../graphql/auth-guard.js';
import { errorResult, inputValidationError } from '../../graphql/error-types.js';
import { InvalidLinkError } from '../password/password.types.js';
import { verificationUrl } from './coe-code.js';
import { registerCoeReceipt, resendMyCoeMail, verifyCoe } from './coe-applicant.service.js';
import { coesOfAccount, type CoeView } from './coe-view.js';
import {
  CoeInvalidStateError,
  CoeMailResent,
  CoeNotFoundError,
  CoeNotYoursError,
  CoeReceiptInput,
  CoeReceiptRegistered,
  CoeReceiptResult,
  CoeType,
  CoeVerification,
  ResendCoeResult,
  VerifyCoeInput,
} from './coe.types.js';

export function applicantCoe(config: Config, coe: CoeView): CoeType {
  return Object.assign(new CoeType(), { ...coe, verificationUrl: verificationUrl(config, coe.verificationCode) });
}

/**
 * The applicant surface's COE operations (docs/spec/coe.md "Applicant API"): the recipient's own COEs (class
 * COUNTER_COE_RECIPIENT only: permissions.ts) and the public verifyCoe.
 */
@Resolver()
export class CoeApplicantResolver {
  @Query(() => [CoeType], { description: 'The logged-in recipient’s COEs, newest first.' })
  async myCoes(@Ctx() ctx: Context): Promise<CoeType[]> {
    const { session } = await requireFullSession(ctx);
    return (await coesOfAccount(ctx.em, session.userId, ctx.clock.now())).map((coe) => applicantCoe(ctx.config, coe));
  }

  @Mutation(() => CoeReceiptResult, { description: '受領登録 with the token of the mail’s link (single use).' })
  async registerCoeReceipt(@Arg('input', () => CoeReceiptInput) input: CoeReceiptInput, @Ctx() ctx: Context): Promise<typeof CoeReceiptResult> {
    const { session } = await requireFullSession(ctx);
    const outcome = await registerCoeReceipt(ctx, session.userId, input.token);
    switch (outcome.kind) {
      case 'registered':
        return Object.assign(new CoeReceiptRegistered(), { coe: applicantCoe(ctx.config, outcome.coe) });
      case 'invalid-link':
        return errorResult(InvalidLinkError, 'COE_LINK_INVALID', ctx.locale);
      case 'not-yours':
        return errorResult(CoeNotYoursError, 'COE_NOT_YOURS', ctx.locale);
      case 'invalid-state':
        return errorResult(CoeInvalidStateError, 'COE_REVOKED_OR_EXPIRED', ctx.locale);
    }
  }

  @Mutation(() => ResendCoeResult, { description: 'Mails one’s COE again to the current address (3 a day per COE).' })
  async resendMyCoeMail(@Arg('number', () => String) number: string, @Ctx() ctx: Context): Promise<typeof ResendCoeResult> {
    const { session } = await requireFullSession(ctx);
    const outcome = await resendMyCoeMail(ctx, session.userId, number);
    switch (outcome.kind) {
      case 'resent':
        return Object.assign(new CoeMailResent(), { coe: applicantCoe(ctx.config, outcome.coe) });
      case 'not-found':
        return errorResult(CoeNotFoundError, 'COE_NOT_FOUND', ctx.locale);
      case 'invalid-state':
        return errorResult(CoeInvalidStateError, 'COE_REVOKED_OR_EXPIRED', ctx.locale);
      case 'invalid-input':
        return inputValidationError(outcome.issues, ctx.locale);
    }
  }

  @Query(() => CoeVerification, { description: 'Public: whether a COE with this number and birth date is valid. Rate-limited per client.' })
  async verifyCoe(@Arg('input', () => VerifyCoeInput) input: VerifyCoeInput, @Ctx() ctx: Context): Promise<CoeVerification> {
    return Object.assign(new CoeVerification(), await verifyCoe(ctx, input));
  }
}
