import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { ApiError } from '#lib/server/api.js';
import { StaffMeQuery } from '../graphql/operations';
import { staffQuery } from './staff-api';
import { clearStaffCookie } from './staff-cookie';
import type { StaffRole } from '../graphql/generated/graphql';

/** Why the login page is shown (`/staff/login?m=…`): it says so above the form. */
export type LoginNotice = 'expired' | 'ended' | 'loggedOut' | 'enrolled';

/**
 * A staff session problem the API reported (top-level code, docs/spec/staff.md "API"): an ended session — timed out
 * (SESSION_EXPIRED) or logged out, superseded, disabled (UNAUTHENTICATED) — clears the cookie and goes back to the
 * login page with a message; a missing role (FORBIDDEN) is a 403 page. Anything else is a system error.
 */
export function staffSessionProblem(event: RequestEvent, err: ApiError): never {
  if (err.code === 'SESSION_EXPIRED' || err.code === 'UNAUTHENTICATED') {
    clearStaffCookie(event.cookies);
    redirect(303, `/staff/login?m=${err.code === 'SESSION_EXPIRED' ? 'expired' : 'ended'}`);
  }
  if (err.code === 'FORBIDDEN') error(403, 'FORBIDDEN');
  error(500, 'WZBAM098E');
}

const SESSION_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED', 'FORBIDDEN']);

/**
 * Runs an API call of a logged-in page or action; session problems end as staffSessionProblem says. Any other error
 * (a filter the API refuses as BAD_REQUEST, …) is the caller's to handle, else a system error.
 */
export async function withStaffSession<T>(event: RequestEvent, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && SESSION_CODES.has(err.code)) staffSessionProblem(event, err);
    throw err;
  }
}

/** The logged-in staff member (asked of the API: this is activity, the idle deadline slides), or the login page. */
export async function requireStaff(event: RequestEvent) {
  if (!event.locals.staffToken) redirect(303, '/staff/login');
  const { staffMe } = await withStaffSession(event, () => staffQuery(event, StaffMeQuery, {}));
  if (!staffMe) {
    clearStaffCookie(event.cookies);
    redirect(303, '/staff/login?m=ended');
  }
  return staffMe;
}

/** A page only some roles may open: others get the 403 page (the API would refuse them anyway). */
export function requireRole(staff: { roles: StaffRole[] }, ...roles: StaffRole[]): void {
  if (!staff.roles.some((r) => roles.includes(r))) error(403, 'FORBIDDEN');
}
