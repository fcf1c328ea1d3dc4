import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { query } from '#lib/server/api.js';
import { PasswordCheckQuery } from '#lib/graphql/operations.js';

/**
 * POST /api/password-check {"password": "…"} — the strength guide's question to the server (JavaScript on): does this
 * password pass the rules that need no account, the common-password list included, which the browser cannot hold.
 * Answers { acceptable, reason }. POST so the password never sits in a URL or a log line; no-store. The same-origin
 * JSON body keeps other sites out (a cross-site JSON post needs a CORS preflight, which nothing here answers).
 */
export const POST: RequestHandler = async (event) => {
  if (!(event.request.headers.get('content-type') ?? '').startsWith('application/json')) error(415, 'JSON only');
  let password: unknown;
  try {
    ({ password } = (await event.request.json()) as { password?: unknown });
  } catch {
    error(400, 'malformed JSON');
  }
  if (typeof password !== 'string') error(400, 'password missing');
  const { passwordCheck } = await query(event, PasswordCheckQuery, { password });
  return Response.json(
    { acceptable: passwordCheck.length === 0, reason: passwordCheck[0]?.shortMessage ?? null },
    { headers: { 'cache-control': 'no-store' } },
  );
};
