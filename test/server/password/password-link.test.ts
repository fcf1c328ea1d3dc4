import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqlResponse, TestServer } from '../../support/test-server.js';
import { PASSWORD, clientAddresses, uniqueEmail } from '../../support/fixtures.js';
import {
  LINK_SECONDS,
  RESET_SECONDS,
  issueLink as issueLinkFor,
  registerWithKnownLink,
  startLinkTestServer,
  type RegisteredWithLink as Registered,
} from '../../support/link-helpers.js';
import type { LinkPurpose } from '../../../server/src/modules/password/email-link.entity.js';

/**
 * The `passwordLink(token)` query through real HTTP + GraphQL: the page of an e-mailed link asks it before anything
 * is typed (security.md 16: a dead link fails with a clear page at once; screen 4 is パスワード登録 or パスワード再設定
 * by the link's purpose). It applies setPassword's rules (rules.md §6), consumes nothing, and counts unknown tokens
 * toward the same per-IP limit as setPassword (rules.md §7), so it is no better a way to guess tokens.
 *
 * One server with the real limits (multiplier 1) behind a trusted proxy; every request names a fresh client address
 * unless a test says otherwise.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startLinkTestServer();
});
afterAll(async () => server?.stop());

/** A client address no other test of this file uses. */
const freshIp = clientAddresses('10.8');

const PASSWORD_LINK = /* GraphQL */ `
  query PasswordLink($token: String!) {
    passwordLink(token: $token) { usable purpose error { __typename code message } }
  }
`;
const SET_PASSWORD = /* GraphQL */ `
  mutation SetPassword($input: SetPasswordInput!) {
    setPassword(input: $input) {
      __typename
      ... on PasswordSet { authId purpose }
      ... on InputValidationError { code }
      ... on InvalidLinkError { code message }
    }
  }
`;

const LINK_INVALID_JA =
  'このリンクは無効です。有効期限が切れたか、既に使用されたか、新しいリンクが送信されています。パスワード再設定からやり直してください。';
const LINK_INVALID_EN =
  'This link is not valid: it has expired, has already been used, or a newer link was sent. Please start again from "Forgot your password".';
const UNUSABLE = { usable: false, purpose: null, error: { __typename: 'InvalidLinkError', code: 'LINK_INVALID', message: LINK_INVALID_JA } };
const FIRST = { usable: true, purpose: 'FIRST_PASSWORD', error: null };
const RESET = { usable: true, purpose: 'RESET', error: null };

const registerUser = () => registerWithKnownLink(server, freshIp());
const issueLink = (user: { userId: string; email: string }, purpose: LinkPurpose) => issueLinkFor(server, user, purpose);

function passwordLinkRaw(token: string, opts: { lang?: string; ip?: string } = {}): Promise<GqlResponse> {
  return server.gql(PASSWORD_LINK, { token }, { lang: opts.lang, headers: { 'x-forwarded-for': opts.ip ?? freshIp() } });
}

async function passwordLink(token: string, opts: { lang?: string; ip?: string } = {}) {
  const res = await passwordLinkRaw(token, opts);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.passwordLink;
}

function setPasswordRaw(token: string, opts: { ip?: string; password?: string } = {}): Promise<GqlResponse> {
  const password = opts.password ?? PASSWORD;
  return server.gql(SET_PASSWORD, { input: { token, password, passwordConfirmation: password } }, { headers: { 'x-forwarded-for': opts.ip ?? freshIp() } });
}

async function setPassword(token: string, opts: { ip?: string; password?: string } = {}) {
  const res = await setPasswordRaw(token, opts);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.setPassword;
}

/** An ACTIVE account (first password set) with a fresh reset link. */
async function userWithResetLink(): Promise<Registered & { resetToken: string }> {
  const user = await registerUser();
  expect((await setPassword(user.token)).__typename).toBe('PasswordSet');
  return { ...user, resetToken: await issueLink(user, 'RESET') };
}

async function linkRows(userId: string) {
  const { rows } = await server.db.query('select purpose, used_at, voided_at from email_link where user_id = $1 order by created_at', [userId]);
  return rows;
}

function expectRateLimited(res: GqlResponse, field: string) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0].extensions?.code).toBe('RATE_LIMITED');
  expect(res.errors![0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  expect(res.errors![0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(600);
  expect(res.data?.[field] ?? null).toBeNull();
}

describe('a live link: usable, with its purpose', () => {
  it('a fresh first-password link (registration mail) → FIRST_PASSWORD', async () => {
    const user = await registerUser();
    expect(await passwordLink(user.token)).toEqual(FIRST);
  });

  it('a reset link (forgot-password mail) → RESET, also in English', async () => {
    const user = await userWithResetLink();
    expect(await passwordLink(user.resetToken)).toEqual(RESET);
    expect(await passwordLink(user.resetToken, { lang: 'en' })).toEqual(RESET);
  });

  it('a reset link of an account that never set its first password (PENDING_PASSWORD) → RESET', async () => {
    const user = await registerUser();
    const reset = await issueLink(user, 'RESET');
    expect(await passwordLink(reset)).toEqual(RESET);
  });

  it('only the case of the address changed: still usable (addresses compare case-insensitively)', async () => {
    const user = await registerUser();
    await server.db.query('update user_account set email = upper(email) where id = $1', [user.userId]);
    expect(await passwordLink(user.token)).toEqual(FIRST);
  });

  it('without a session, and with any Authorization header (a public query)', async () => {
    const user = await registerUser();
    const res = await server.gql(PASSWORD_LINK, { token: user.token }, { token: 'not-a-session', headers: { 'x-forwarded-for': freshIp() } });
    expect(res.errors).toBeUndefined();
    expect(res.data.passwordLink).toEqual(FIRST);
  });
});

describe('a dead link: not usable, LINK_INVALID as setPassword would answer', () => {
  it('used', async () => {
    const user = await registerUser();
    expect((await setPassword(user.token)).__typename).toBe('PasswordSet');
    expect(await passwordLink(user.token)).toEqual(UNUSABLE);
    expect(await passwordLink(user.token, { lang: 'en' })).toEqual({ ...UNUSABLE, error: { ...UNUSABLE.error, message: LINK_INVALID_EN } });
  });

  it('a used reset link', async () => {
    const user = await userWithResetLink();
    expect(await setPassword(user.resetToken, { password: 'Other8#Password' })).toEqual({ __typename: 'PasswordSet', authId: user.authId, purpose: 'RESET' });
    expect(await passwordLink(user.resetToken)).toEqual(UNUSABLE);
  });

  it('superseded by a newer link (which is usable)', async () => {
    const user = await registerUser();
    const newer = await issueLink(user, 'FIRST_PASSWORD');
    expect(await passwordLink(user.token)).toEqual(UNUSABLE);
    expect(await passwordLink(newer)).toEqual(FIRST);
    // a reset request supersedes the registration link too
    const reset = await issueLink(user, 'RESET');
    expect(await passwordLink(newer)).toEqual(UNUSABLE);
    expect(await passwordLink(reset)).toEqual(RESET);
  });

  it(`expired: usable until REGISTRATION_LINK_SECONDS (${LINK_SECONDS}), then not`, async () => {
    const user = await registerUser();
    server.clock.advance(LINK_SECONDS - 1);
    expect(await passwordLink(user.token)).toEqual(FIRST);
    server.clock.advance(1);
    expect(await passwordLink(user.token)).toEqual(UNUSABLE);
  });

  it(`an expired reset link (RESET_LINK_SECONDS ${RESET_SECONDS})`, async () => {
    const user = await userWithResetLink();
    server.clock.advance(RESET_SECONDS - 1);
    expect(await passwordLink(user.resetToken)).toEqual(RESET);
    server.clock.advance(1);
    expect(await passwordLink(user.resetToken)).toEqual(UNUSABLE);
  });

  it('unknown, empty and mangled tokens', async () => {
    for (const token of ['no-such-token', 'A'.repeat(43), '', 'x'.repeat(10_000), 'tok\u0000en', "' OR 1=1 --"]) {
      expect(await passwordLink(token), token.slice(0, 20)).toEqual(UNUSABLE);
    }
  });

  for (const status of ['SUSPENDED', 'DELETED', 'INVALID']) {
    it(`the account is ${status}`, async () => {
      const user = await registerUser();
      await server.db.query('update user_account set status = $1 where id = $2', [status, user.userId]);
      expect(await passwordLink(user.token)).toEqual(UNUSABLE);
      // setPassword agrees
      expect((await setPassword(user.token)).__typename).toBe('InvalidLinkError');
    });
  }

  it('the account e-mail changed after the link was sent', async () => {
    const user = await registerUser();
    await server.db.query('update user_account set email = $1 where id = $2', [uniqueEmail(), user.userId]);
    expect(await passwordLink(user.token)).toEqual(UNUSABLE);
    expect((await setPassword(user.token)).__typename).toBe('InvalidLinkError');
  });
});

describe('asking consumes nothing', () => {
  it('a first-password link asked about many times stays unused, and setPassword then works (and answers FIRST_PASSWORD)', async () => {
    const user = await registerUser();
    for (let i = 0; i < 5; i++) expect(await passwordLink(user.token)).toEqual(FIRST);
    expect(await linkRows(user.userId)).toEqual([{ purpose: 'FIRST_PASSWORD', used_at: null, voided_at: null }]);
    const { rows } = await server.db.query('select status, password_hash from user_account where id = $1', [user.userId]);
    expect(rows[0]).toEqual({ status: 'PENDING_PASSWORD', password_hash: null });
    const { rows: mails } = await server.db.query("select 1 from mail_outbox where user_id = $1 and kind <> 'REGISTRATION'", [user.userId]);
    expect(mails).toEqual([]);

    expect(await setPassword(user.token)).toEqual({ __typename: 'PasswordSet', authId: user.authId, purpose: 'FIRST_PASSWORD' });
    expect(await passwordLink(user.token)).toEqual(UNUSABLE);
  });

  it('a reset link asked about stays unused and still sets the password (answering RESET)', async () => {
    const user = await userWithResetLink();
    expect(await passwordLink(user.resetToken)).toEqual(RESET);
    expect(await passwordLink(user.resetToken)).toEqual(RESET);
    const rows = await linkRows(user.userId);
    expect(rows.at(-1)).toEqual({ purpose: 'RESET', used_at: null, voided_at: null });
    expect(await setPassword(user.resetToken, { password: 'Reset8#Password' })).toEqual({ __typename: 'PasswordSet', authId: user.authId, purpose: 'RESET' });
  });

  it('asking about an older link does not void the newer one, nor revive the older', async () => {
    const user = await registerUser();
    const newer = await issueLink(user, 'FIRST_PASSWORD');
    expect(await passwordLink(user.token)).toEqual(UNUSABLE);
    expect(await passwordLink(newer)).toEqual(FIRST);
    expect((await setPassword(user.token)).__typename).toBe('InvalidLinkError');
    expect((await setPassword(newer)).__typename).toBe('PasswordSet');
  });
});

describe('unknown tokens count toward unknownLinkPerIp (rules.md §7), as in setPassword', () => {
  it('20 unknown tokens by query from one IP, then the 21st is RATE_LIMITED by query and by setPassword', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect(await passwordLink(`guess-q-${i}`, { ip })).toEqual(UNUSABLE);
    expectRateLimited(await passwordLinkRaw('guess-q-20', { ip }), 'passwordLink');
    expectRateLimited(await setPasswordRaw('guess-q-21', { ip }), 'setPassword');
    // another client is not affected
    expect(await passwordLink('guess-q-22', { ip: freshIp() })).toEqual(UNUSABLE);
  });

  it('20 unknown tokens by setPassword, then the 21st by query is RATE_LIMITED', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect((await setPassword(`guess-s-${i}`, { ip })).code).toBe('LINK_INVALID');
    expectRateLimited(await passwordLinkRaw('guess-s-20', { ip }), 'passwordLink');
  });

  it('query and setPassword share one budget: 10 + 10, then the 21st is RATE_LIMITED either way', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect(await passwordLink(`guess-m-q${i}`, { ip })).toEqual(UNUSABLE);
      expect((await setPassword(`guess-m-s${i}`, { ip })).code).toBe('LINK_INVALID');
    }
    expectRateLimited(await passwordLinkRaw('guess-m-20', { ip }), 'passwordLink');
    expectRateLimited(await setPasswordRaw('guess-m-21', { ip }), 'setPassword');
  });

  it('aliases in one request count one each: the limit holds within a request', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect(await passwordLink(`guess-a-${i}`, { ip })).toEqual(UNUSABLE);
    // 15 aliases (graphql-armor's maximum): 10 are left in the budget, the rest are refused
    const fields = Array.from({ length: 15 }, (_, i) => `g${i}: passwordLink(token: "guess-a-${10 + i}") { usable }`).join(' ');
    const res = await server.gql(`{ ${fields} }`, {}, { headers: { 'x-forwarded-for': ip } });
    expect(res.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED'), JSON.stringify(res)).toBe(true);
    expectRateLimited(await passwordLinkRaw('guess-a-25', { ip }), 'passwordLink');
  });

  it('known tokens (used, live) and empty ones do not count; a live link still answers after the limit is used up', async () => {
    const ip = freshIp();
    const used = await registerUser();
    expect((await setPassword(used.token, { ip })).__typename).toBe('PasswordSet');
    const live = await registerUser();
    for (let i = 0; i < 25; i++) {
      expect(await passwordLink(used.token, { ip })).toEqual(UNUSABLE);
      expect(await passwordLink(live.token, { ip })).toEqual(FIRST);
      expect(await passwordLink('', { ip })).toEqual(UNUSABLE);
    }
    // the whole budget is still there
    for (let i = 0; i < 20; i++) expect(await passwordLink(`guess-k-${i}`, { ip })).toEqual(UNUSABLE);
    expectRateLimited(await passwordLinkRaw('guess-k-20', { ip }), 'passwordLink');
    // known tokens are never refused by the unknown-link limit
    expect(await passwordLink(live.token, { ip })).toEqual(FIRST);
    expect(await passwordLink(used.token, { ip })).toEqual(UNUSABLE);
    expect(await setPassword(live.token, { ip })).toEqual({ __typename: 'PasswordSet', authId: live.authId, purpose: 'FIRST_PASSWORD' });
  });
});
