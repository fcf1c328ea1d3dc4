import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ApiError } from '#lib/server/api.js';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { STAFF_ENROL_COOKIE } from '#lib/staff/server/staff-cookie.js';
import { StaffPasskeyRegistrationOptionsMutation } from '#lib/staff/graphql/operations.js';

/**
 * The WebAuthn creation options of the open enrolment link, for "use a passkey instead" (JavaScript). POST: the staff
 * API stores the challenge with the link. The token comes from the page's HttpOnly cookie, never from the page.
 */
export const POST: RequestHandler = async (event) => {
  const token = event.cookies.get(STAFF_ENROL_COOKIE) ?? '';
  if (!token) return json({ error: 'STAFF_LINK_INVALID' }, { status: 409 });
  try {
    const { staffPasskeyRegistrationOptions } = await staffMutate(event, StaffPasskeyRegistrationOptionsMutation, { token });
    return new Response(staffPasskeyRegistrationOptions, { headers: { 'content-type': 'application/json' } });
  } catch (err) {
    if (err instanceof ApiError && err.code !== 'WZBAM098E') return json({ error: err.code }, { status: 409 });
    throw err;
  }
};
