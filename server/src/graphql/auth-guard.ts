import type { Context } from './context.js';
import { topLevelError } from '../errors/graphql-errors.js';
import type { AuthState } from '../modules/auth/session.service.js';

type SessionState = Extract<AuthState, { kind: 'session' }>;

/**
 * The session of a request for resolvers that the permission map has already let through. Throws the session problem
 * (UNAUTHENTICATED / SESSION_EXPIRED / WZBAM099E) if there is none — a second line behind graphql-shield.
 */
export async function requireSession(ctx: Context): Promise<SessionState> {
  const auth = await ctx.auth();
  if (auth.kind === 'session') return auth;
  throw topLevelError(auth.kind === 'problem' ? auth.problem : 'UNAUTHENTICATED', ctx.locale);
}

/** For `me`: no token is fine (null), a bad token is an error. */
export async function requireSessionOrNone(ctx: Context): Promise<SessionState | null> {
  const auth = await ctx.auth();
  if (auth.kind === 'problem') throw topLevelError(auth.problem, ctx.locale);
  return auth.kind === 'session' ? auth : null;
}

/** Like requireSession, but the restricted session after WZBAM158E is FORBIDDEN (it may only change the password). */
export async function requireFullSession(ctx: Context): Promise<SessionState> {
  const auth = await requireSession(ctx);
  if (auth.session.restricted) throw topLevelError('FORBIDDEN', ctx.locale);
  return auth;
}
