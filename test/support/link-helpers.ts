import { expect } from 'vitest';
import { hashToken } from '../../server/src/lib/tokens.js';
import { issueEmailLink } from '../../server/src/modules/password/email-link.service.js';
import type { LinkPurpose } from '../../server/src/modules/password/email-link.entity.js';
import { REGISTER, VALID_REGISTRATION, uniqueEmail } from './fixtures.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface RegisteredWithLink {
  userId: string;
  authId: string;
  email: string;
  token: string;
}

/**
 * Registers from client address `ip` (through a trusted proxy, so registration limits never meet across tests) and
 * replaces the first-password link's hash with one of a token the test knows: the real token is only in the mail.
 */
export async function registerWithKnownLink(server: TestServer, ip: string): Promise<RegisteredWithLink> {
  const email = uniqueEmail();
  const res = await server.gql(REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } }, { headers: { 'x-forwarded-for': ip } });
  expect(res.data?.register?.__typename, JSON.stringify(res)).toBe('RegistrationAccepted');
  const { rows } = await server.db.query<{ id: string; auth_id: string }>('select id, auth_id from user_account where email = $1', [email]);
  const token = `known-${rows[0].auth_id}-${Math.random().toString(36).slice(2)}`;
  const updated = await server.db.query(
    "update email_link set token_hash = $1 where user_id = $2 and purpose = 'FIRST_PASSWORD' and used_at is null and voided_at is null",
    [hashToken(token), rows[0].id],
  );
  expect(updated.rowCount).toBe(1);
  return { userId: rows[0].id, authId: rows[0].auth_id, email, token };
}

/** A new link issued the way the services issue one (voiding older ones); returns its token. */
export async function issueLink(server: TestServer, user: { userId: string; email: string }, purpose: LinkPurpose): Promise<string> {
  const em = server.app.deps.orm.em.fork();
  const { url } = await em.transactional((tem) =>
    issueEmailLink(tem, server.config, { userId: user.userId, purpose, email: user.email, now: server.clock.now() }),
  );
  expect(url.startsWith(`${server.config.publicUrl}/password/set?token=`)).toBe(true);
  return new URL(url).searchParams.get('token')!;
}

/** The link lifetimes the link tests' server runs with. */
export const LINK_SECONDS = 600;
export const RESET_SECONDS = 300;

/** A server with the real limits (multiplier 1), behind a trusted proxy, with LINK_SECONDS and RESET_SECONDS. */
export function startLinkTestServer(): Promise<TestServer> {
  return startTestServer({
    env: {
      RATE_LIMIT_MULTIPLIER: '1',
      TRUSTED_PROXIES: '127.0.0.1',
      REGISTRATION_LINK_SECONDS: String(LINK_SECONDS),
      RESET_LINK_SECONDS: String(RESET_SECONDS),
    },
  });
}
