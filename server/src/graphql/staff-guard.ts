import { GraphQLError } from 'graphql';
import type { StaffContext } from './context.js';
import { topLevelError } from '../errors/graphql-errors.js';
import { staffErrorMessage } from '../i18n/staff-error-messages.js';
import type { StaffAuthState } from '../modules/staff/staff-session.service.js';

type StaffSessionState = Extract<StaffAuthState, { kind: 'session' }>;

/** The staff session of a request the permission map has let through; the session problem otherwise (second line). */
export async function requireStaffSession(ctx: StaffContext): Promise<StaffSessionState> {
  const auth = await ctx.staffAuth();
  if (auth.kind === 'session') return auth;
  throw topLevelError(auth.kind === 'problem' ? auth.problem : 'UNAUTHENTICATED', ctx.locale);
}

/** For staffMe: no token is fine (null), a bad token is an error. */
export async function requireStaffSessionOrNone(ctx: StaffContext): Promise<StaffSessionState | null> {
  const auth = await ctx.staffAuth();
  if (auth.kind === 'problem') throw topLevelError(auth.problem, ctx.locale);
  return auth.kind === 'session' ? auth : null;
}

/**
 * A request that needs an open login step or enrolment link the caller does not have (staffPasskeyOptions,
 * staffPasskeyRegistrationOptions, whose answer is a plain String): BAD_REQUEST, with the staff catalog's message.
 */
export function staffBadRequest(ctx: StaffContext, code: 'STAFF_LOGIN_EXPIRED' | 'STAFF_LINK_INVALID'): GraphQLError {
  return new GraphQLError(staffErrorMessage(code, ctx.locale), { extensions: { code: 'BAD_REQUEST', reason: code } });
}
