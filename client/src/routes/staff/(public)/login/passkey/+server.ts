import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ApiError } from '#lib/server/api.js';
import { staffMutate } from '#lib/staff/server/staff-api.js';
import { loginStep } from '#lib/staff/server/login-step.js';
import { StaffPasskeyOptionsMutation } from '#lib/staff/graphql/operations.js';

/**
 * The WebAuthn request options of the open login step, for the passkey button (JavaScript). POST: it stores a new
 * WebAuthn challenge on the server. The step's challengeId comes from its HttpOnly cookie, never from the page.
 */
export const POST: RequestHandler = async (event) => {
  const step = loginStep(event.cookies);
  if (!step) return json({ error: 'STAFF_LOGIN_EXPIRED' }, { status: 409 });
  try {
    const { staffPasskeyOptions } = await staffMutate(event, StaffPasskeyOptionsMutation, { challengeId: step.challengeId });
    return new Response(staffPasskeyOptions, { headers: { 'content-type': 'application/json' } });
  } catch (err) {
    if (err instanceof ApiError && err.code !== 'WZBAM098E') return json({ error: err.code }, { status: 409 });
    throw err;
  }
};
