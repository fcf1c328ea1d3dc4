import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StaffContext } from '../../graphql/context.js';
import { staffErrorResult, staffInputValidationError } from '../../graphql/staff-error-types.js';
import { requireStaffSession, requireStaffSessionOrNone, staffBadRequest } from '../../graphql/staff-guard.js';
import { appendAuditEvent } from '../audit/audit-trail.js';
import { auditBase } from './staff-context.js';
import { staffLogin, staffPasskeyOptions, staffVerifyPasskey, staffVerifyTotp, type StaffVerifyOutcome } from './staff-login.service.js';
import { findStaffMemberView, type StaffMemberView } from './staff-member-view.js';
import {
  NetworkNotAllowedError,
  StaffAccountLockedError,
  StaffInvalidCredentialsError,
  StaffLoggedOut,
  StaffLoginInput,
  StaffLoginResult,
  StaffLoginSuccess,
  StaffLogoutResult,
  StaffMemberType,
  StaffPasskeyInput,
  StaffSecondFactorRequired,
  StaffTotpInput,
  StaffVerifyResult,
} from './staff.types.js';

function verifyResult(outcome: StaffVerifyOutcome, ctx: StaffContext): typeof StaffVerifyResult {
  switch (outcome.kind) {
    case 'invalid-input':
      return staffInputValidationError(outcome.issues, ctx.locale);
    case 'challenge-invalid':
      return staffErrorResult(StaffInvalidCredentialsError, 'STAFF_LOGIN_EXPIRED', ctx.locale);
    case 'second-factor-failed':
      return staffErrorResult(StaffInvalidCredentialsError, 'STAFF_SECOND_FACTOR_FAILED', ctx.locale);
    case 'locked':
      return staffErrorResult(StaffAccountLockedError, 'STAFF_ACCOUNT_LOCKED', ctx.locale, { lockedUntil: outcome.lockedUntil });
    case 'success':
      return Object.assign(new StaffLoginSuccess(), { token: outcome.token, expiresAt: outcome.session.expiresAt, staffId: outcome.staffId });
  }
}

/** Staff login in two steps, logout and staffMe (staff.md "Staff authentication"). Thin: the rules are in the services. */
@Resolver()
export class StaffAuthResolver {
  @Query(() => StaffMemberType, { nullable: true, description: 'The staff member of the token sent; null without a token.' })
  async staffMe(@Ctx() ctx: StaffContext): Promise<StaffMemberView | null> {
    const auth = await requireStaffSessionOrNone(ctx);
    return auth ? findStaffMemberView(ctx.em, auth.staff.id) : null;
  }

  @Mutation(() => StaffLoginResult, { description: 'The first step: login ID and password. Audited, also when it fails.' })
  async staffLogin(@Arg('input', () => StaffLoginInput) input: StaffLoginInput, @Ctx() ctx: StaffContext): Promise<typeof StaffLoginResult> {
    const outcome = await staffLogin(ctx, input);
    switch (outcome.kind) {
      case 'invalid-input':
        return staffInputValidationError(outcome.issues, ctx.locale);
      case 'invalid-credentials':
        return staffErrorResult(StaffInvalidCredentialsError, 'STAFF_LOGIN_FAILED', ctx.locale);
      case 'locked':
        return staffErrorResult(StaffAccountLockedError, 'STAFF_ACCOUNT_LOCKED', ctx.locale, { lockedUntil: outcome.lockedUntil });
      case 'network-not-allowed':
        return staffErrorResult(NetworkNotAllowedError, 'STAFF_NETWORK_NOT_ALLOWED', ctx.locale);
      case 'second-factor-required':
        return Object.assign(new StaffSecondFactorRequired(), { challengeId: outcome.challengeId, methods: outcome.methods, expiresAt: outcome.expiresAt });
    }
  }

  @Mutation(() => StaffVerifyResult, { description: 'The second step with a TOTP code (each code is accepted once).' })
  async staffVerifyTotp(@Arg('input', () => StaffTotpInput) input: StaffTotpInput, @Ctx() ctx: StaffContext): Promise<typeof StaffVerifyResult> {
    return verifyResult(await staffVerifyTotp(ctx, input), ctx);
  }

  @Mutation(() => String, {
    description: 'WebAuthn request options (JSON) for the passkeys of the login step; BAD_REQUEST when the step is not open or has no passkey.',
  })
  async staffPasskeyOptions(@Arg('challengeId', () => String) challengeId: string, @Ctx() ctx: StaffContext): Promise<string> {
    const options = await staffPasskeyOptions(ctx, challengeId);
    if (options === null) throw staffBadRequest(ctx, 'STAFF_LOGIN_EXPIRED');
    return options;
  }

  @Mutation(() => StaffVerifyResult, { description: 'The second step with a passkey (user verification required).' })
  async staffVerifyPasskey(@Arg('input', () => StaffPasskeyInput) input: StaffPasskeyInput, @Ctx() ctx: StaffContext): Promise<typeof StaffVerifyResult> {
    return verifyResult(await staffVerifyPasskey(ctx, input), ctx);
  }

  @Mutation(() => StaffLogoutResult, { description: 'Ends the staff session; the token is useless afterwards.' })
  async staffLogout(@Ctx() ctx: StaffContext): Promise<typeof StaffLogoutResult> {
    const { session, staff } = await requireStaffSession(ctx);
    await ctx.em.transactional(async (em) => {
      const now = ctx.clock.now();
      await em.execute("update staff_session set revoked_at = ?, revoked_reason = 'LOGOUT' where id = ? and revoked_at is null", [now, session.id]);
      await appendAuditEvent(em, { ...auditBase(ctx, staff), action: 'STAFF_LOGOUT', target: staff.id }, now, ctx.log);
    });
    return Object.assign(new StaffLoggedOut(), { ok: true });
  }
}

@Resolver(() => StaffLoginSuccess)
export class StaffLoginSuccessResolver {
  /** Read after the login committed. */
  @FieldResolver(() => StaffMemberType)
  async staff(@Root() success: StaffLoginSuccess, @Ctx() ctx: StaffContext): Promise<StaffMemberView> {
    const view = await findStaffMemberView(ctx.em, success.staffId);
    if (!view) throw new Error('the staff member of a session that just started is gone');
    return view;
  }
}
