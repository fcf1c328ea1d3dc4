import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { ApiError, query } from '#lib/server/api.js';
import { VerifyCoeQuery } from '#lib/graphql/operations.js';

/**
 * POST /api/coe-verification {"number", "birthDate"} — the /verify page's question to the server (JavaScript on, a
 * signed code that verified in the browser): is this COE still valid, or was it revoked? Both values are in the signed
 * payload (`n`, `dob`). Answers { result } (VALID | EXPIRED | REVOKED | NO_MATCH), or { result: null, limited: true }
 * past the client's limit of verifyCoe calls. POST and JSON like /api/password-check (a cross-site JSON post needs a
 * CORS preflight that nothing answers); no-store.
 */
export const POST: RequestHandler = async (event) => {
  if (!(event.request.headers.get('content-type') ?? '').startsWith('application/json')) error(415, 'JSON only');
  let body: { number?: unknown; birthDate?: unknown };
  try {
    body = (await event.request.json()) as typeof body;
  } catch {
    error(400, 'malformed JSON');
  }
  if (typeof body.number !== 'string' || typeof body.birthDate !== 'string') error(400, 'number and birthDate required');
  const headers = { 'cache-control': 'no-store' };
  try {
    const { verifyCoe } = await query(event, VerifyCoeQuery, { input: { number: body.number, birthDate: body.birthDate } });
    return Response.json({ result: verifyCoe.result }, { headers });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'RATE_LIMITED') return Response.json({ result: null, limited: true }, { status: 429, headers });
    throw err;
  }
};
