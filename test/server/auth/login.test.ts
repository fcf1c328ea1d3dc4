import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, LOGIN, LOGOUT, ME, PASSWORD, registerUser } from '../../support/fixtures.js';
import { accountRow, authIdVariants, countRows, expectTopLevel, login } from '../../support/auth-helpers.js';
import { phcParts } from '../../support/phc.js';

/** rules.md §1 (認証ID), §4 (login, status), security.md 1, 7; api.md LoginResult. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const liveSessions = (userId: string) =>
  countRows(server, 'select 1 from session where user_id = $1 and revoked_at is null', [userId]);

describe('input validation', () => {
  it('missing 認証ID and password → InputValidationError WZBAM001E naming both fields, in form order', async () => {
    for (const input of [{ authId: '', password: '' }, { authId: null, password: null }, {}]) {
      const res = (await server.gql(LOGIN, { input })).data.login;
      expect(res.__typename).toBe('InputValidationError');
      expect(res.code).toBe('WZBAM001E');
      expect(res.fieldErrors.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual([
        ['authId', 'WZBAM001E'],
        ['password', 'WZBAM001E'],
      ]);
      expect(res.fieldErrors.every((f: { message: string }) => f.message.length > 0)).toBe(true);
    }
  });

  it('only the missing field is reported; a 認証ID of spaces counts as missing', async () => {
    const noPassword = await login(server, 'abcde12345', '');
    expect(noPassword.code).toBe('WZBAM001E');
    expect(noPassword.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['password']);

    const blankId = await login(server, ' \u3000 ', PASSWORD);
    expect(blankId.code).toBe('WZBAM001E');
    expect(blankId.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['authId']);
  });

  it('NUL and 10,000-character values answer WZBAM005E (never a 500) and count nothing', async () => {
    const user = await activeUser(server);
    const cases: [string, string, string][] = [
      ['authId', `${user.authId}\u0000`, PASSWORD],
      ['authId', 'a'.repeat(10_000), PASSWORD],
      ['password', user.authId, `${PASSWORD}\u0000`],
      ['password', user.authId, 'a'.repeat(10_000)],
    ];
    for (const [field, authId, password] of cases) {
      const res = await server.gql(
        `mutation ($input: LoginInput!) { login(input: $input) { __typename ... on ErrorResult { code }
           ... on InputValidationError { fieldErrors { field code } } } }`,
        { input: { authId, password } },
      );
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data.login).toEqual({ __typename: 'InputValidationError', code: 'WZBAM005E', fieldErrors: [{ field, code: 'WZBAM005E' }] });
    }
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(0);
  });

  it('a malformed input variable is refused without echoing the password', async () => {
    const secret = 'Kasumi; 7$Seki';
    const inputs = [
      { authId: 'abcde12345', password: secret, bogus: 1 },
      { authId: 'abcde12345', password: `${secret}\\"; x`, bogus: 1 },
      { authId: 'abcde12345', password: 73215964 },
      { authId: 'abcde12345', password: [secret] },
      { authId: 'abcde12345', password: { p: secret } },
    ];
    for (const input of inputs) {
      const res = await server.gql(LOGIN, { input });
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const text = JSON.stringify(res);
      expect(text).not.toContain('7$Seki');
      expect(text).not.toContain('73215964');
    }
  });
});

describe('credentials', () => {
  it('an unknown 認証ID and a wrong password give the identical answer (WZBAM005E, item 認証ID又はパスワード)', async () => {
    const user = await activeUser(server);
    for (const lang of ['ja', 'en']) {
      const unknown = await login(server, 'zzzzz00000', PASSWORD, { lang });
      const wrong = await login(server, user.authId, `${PASSWORD}x`, { lang });
      expect(unknown).toEqual(wrong);
      expect(wrong.__typename).toBe('InvalidCredentialsError');
      expect(wrong.code).toBe('WZBAM005E');
      expect(wrong.message).toContain(lang === 'ja' ? '認証ID又はパスワード' : 'authentication ID (認証ID) or password');
      expect(wrong.message).not.toContain('WZBAM005E');
    }
  });

  it('the password is case-sensitive and never trimmed', async () => {
    const user = await activeUser(server);
    for (const variant of [PASSWORD.toUpperCase(), PASSWORD.toLowerCase(), ` ${PASSWORD}`, `${PASSWORD} `]) {
      expect((await login(server, user.authId, variant)).code).toBe('WZBAM005E');
    }
    expect((await login(server, user.authId, PASSWORD)).__typename).toBe('LoginSuccess');
  });

  it('upper-case, full-width and space-padded 認証IDs log in to the same account', async () => {
    const user = await activeUser(server);
    for (const { label, value } of authIdVariants(user.authId)) {
      const res = await login(server, value);
      expect(res.__typename, label).toBe('LoginSuccess');
      expect(res.user.authId, label).toBe(user.authId);
    }
  });

  it('failures under every spelling of the 認証ID count toward the one lockout', async () => {
    const user = await activeUser(server);
    const variants = authIdVariants(user.authId).map((v) => v.value);
    expect(server.config.lockoutThreshold).toBe(5);
    for (const [i, value] of variants.slice(0, 4).entries()) {
      expect((await login(server, value, 'Wrong-pass1!')).code).toBe('WZBAM005E');
      expect((await accountRow(server, user.userId)).failed_login_count).toBe(i + 1);
    }
    expect((await login(server, variants[4], 'Wrong-pass1!')).code).toBe('WZBAM005E');
    const locked = await login(server, variants[0]);
    expect(locked.__typename).toBe('AccountLockedError');
    expect(locked.code).toBe('WZBAM153E');
  });

  it('success returns a ≥128-bit base64url token, a new one at every login, and the session deadline', async () => {
    const user = await activeUser(server);
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await login(server, user.authId);
      expect(res.__typename).toBe('LoginSuccess');
      expect(res.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(new Date(res.expiresAt).getTime()).toBe(server.clock.now().getTime() + server.config.sessionIdleTimeoutSeconds * 1000);
      tokens.add(res.token);
    }
    expect(tokens.size).toBe(3);
  });

  it('previousLoginAt is null on the first login and the first login time on the second', async () => {
    const user = await activeUser(server);
    const firstAt = server.clock.now();
    const first = await login(server, user.authId);
    expect(first.user.previousLoginAt).toBeNull();

    server.clock.advance(3 * 3600 + 17);
    const second = await login(server, user.authId);
    expect(new Date(second.user.previousLoginAt).getTime()).toBe(firstAt.getTime());
    const me = await server.gql(ME, {}, { token: second.token });
    expect(new Date(me.data.me.previousLoginAt).getTime()).toBe(firstAt.getTime());

    // A failed attempt in between is not a login.
    const secondAt = server.clock.now();
    server.clock.advance(60);
    expect((await login(server, user.authId, 'Wrong-pass1!')).code).toBe('WZBAM005E');
    server.clock.advance(60);
    const third = await login(server, user.authId);
    expect(new Date(third.user.previousLoginAt).getTime()).toBe(secondAt.getTime());
  });
});

describe('account status (shown only after the right password)', () => {
  const cases = [
    { label: 'SUSPENDED', sql: "update user_account set status = 'SUSPENDED' where id = $1", code: 'WZBAM155E' },
    { label: 'DELETED', sql: "update user_account set status = 'DELETED' where id = $1", code: 'WZBAM156E' },
    { label: 'INVALID', sql: "update user_account set status = 'INVALID' where id = $1", code: 'WZBAM150E' },
    {
      label: 'usage period ended',
      sql: "update user_account set usage_expires_at = $2::timestamptz - interval '1 second' where id = $1",
      code: 'WZBAM151E',
    },
  ];
  for (const c of cases) {
    it(`${c.label}: right password → AccountUnavailableError ${c.code}; wrong password → WZBAM005E; no session`, async () => {
      const user = await activeUser(server);
      const params = c.sql.includes('$2') ? [user.userId, server.clock.now()] : [user.userId];
      await server.db.query(c.sql, params);

      const wrong = await login(server, user.authId, 'Wrong-pass1!');
      expect(wrong).toEqual(await login(server, 'zzzzz00000', 'Wrong-pass1!'));
      expect(wrong.code).toBe('WZBAM005E');

      for (const lang of ['ja', 'en']) {
        const right = await login(server, user.authId, PASSWORD, { lang });
        expect(right.__typename).toBe('AccountUnavailableError');
        expect(right.code).toBe(c.code);
        expect(right.message.length).toBeGreaterThan(0);
      }
      expect(await liveSessions(user.userId)).toBe(0);
    });
  }

  it('a usage period that has not ended yet does not block the login', async () => {
    const user = await activeUser(server);
    await server.db.query("update user_account set usage_expires_at = $2::timestamptz + interval '1 minute' where id = $1", [
      user.userId,
      server.clock.now(),
    ]);
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    server.clock.advance(60);
    expect((await login(server, user.authId)).code).toBe('WZBAM151E');
  });

  it('a registered account without a password (PENDING_PASSWORD) answers WZBAM005E like an unknown ID', async () => {
    const pending = await registerUser(server);
    expect((await accountRow(server, pending.userId)).status).toBe('PENDING_PASSWORD');
    const res = await login(server, pending.authId, PASSWORD);
    expect(res).toEqual(await login(server, 'zzzzz00000', PASSWORD));
    expect(res.code).toBe('WZBAM005E');
    expect(await liveSessions(pending.userId)).toBe(0);
  });
});

describe('password expiry (PASSWORD_MAX_AGE_DAYS=365)', () => {
  it('right but expired password → PasswordExpiredError WZBAM158E with a restricted token that may read me and log out', async () => {
    const user = await activeUser(server);
    const setAt = (await accountRow(server, user.userId)).password_changed_at!;
    expect(server.config.passwordMaxAgeDays).toBe(365);

    server.clock.set(new Date(setAt.getTime() + 365 * 86_400_000 - 1000));
    const stillValid = await login(server, user.authId);
    expect(stillValid.__typename).toBe('LoginSuccess');

    server.clock.advance(2);
    // A wrong password on an expired account reveals nothing.
    expect((await login(server, user.authId, 'Wrong-pass1!')).code).toBe('WZBAM005E');
    const expired = await login(server, user.authId);
    expect(expired.__typename).toBe('PasswordExpiredError');
    expect(expired.code).toBe('WZBAM158E');
    expect(expired.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const { rows } = await server.db.query('select restricted from session where user_id = $1 and revoked_at is null', [user.userId]);
    expect(rows).toEqual([{ restricted: true }]);

    const me = await server.gql(ME, {}, { token: expired.token });
    expect(me.errors).toBeUndefined();
    expect(me.data.me.authId).toBe(user.authId);
    expect(new Date(me.data.me.passwordExpiresAt).getTime()).toBe(setAt.getTime() + 365 * 86_400_000);
    // its menu says what updateUser would answer: user information is not for this session
    const userInfo = (menu: { key: string }[]) => menu.find((item) => item.key === 'USER_INFO');
    expect(userInfo(me.data.me.menu)).toEqual({ key: 'USER_INFO', available: false, unavailableReason: 'WZBAM158E' });
    expectTopLevel(await server.gql('mutation { updateUser(input: { phone: "0311112222" }) { __typename } }', {}, { token: expired.token }), 'FORBIDDEN');

    const out = await server.gql(LOGOUT, {}, { token: expired.token });
    expect(out.errors).toBeUndefined();
    expect(out.data.logout).toEqual({ __typename: 'LoggedOut', ok: true });
    expectTopLevel(await server.gql(ME, {}, { token: expired.token }), 'UNAUTHENTICATED');
  });

  it('PASSWORD_MAX_AGE_DAYS=0 disables expiry', async () => {
    const noExpiry = await startTestServer({ env: { PASSWORD_MAX_AGE_DAYS: '0' } });
    try {
      const user = await activeUser(noExpiry);
      noExpiry.clock.advance(10 * 365 * 86_400);
      const res = await login(noExpiry, user.authId);
      expect(res.__typename).toBe('LoginSuccess');
      const me = await noExpiry.gql(ME, {}, { token: res.token });
      expect(me.data.me.passwordExpiresAt).toBeNull();
    } finally {
      await noExpiry.stop();
    }
  });
});

describe('stored hashes', () => {
  const paramsOf = (phc: string) => {
    const parts = phcParts(phc);
    return parts && [parts.algorithm, String(parts.m), String(parts.t), String(parts.p)];
  };

  it('a hash made with other argon2 parameters is upgraded to m=19456,t=2,p=1 on a successful login', async () => {
    const user = await activeUser(server);
    const legacy = await argon2.hash(PASSWORD); // the library defaults (m=65536, t=3, p=4)
    expect(paramsOf(legacy)).toEqual(['argon2id', '65536', '3', '4']);
    await server.db.query('update user_account set password_hash = $1 where id = $2', [legacy, user.userId]);

    // A failed login changes nothing.
    expect((await login(server, user.authId, 'Wrong-pass1!')).code).toBe('WZBAM005E');
    expect((await accountRow(server, user.userId)).password_hash).toBe(legacy);

    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    const upgraded = (await accountRow(server, user.userId)).password_hash!;
    expect(paramsOf(upgraded)).toEqual(['argon2id', '19456', '2', '1']);
    expect(await argon2.verify(upgraded, PASSWORD)).toBe(true);
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
  });

  it('an argon2i hash with the current cost parameters is upgraded to argon2id', async () => {
    const user = await activeUser(server);
    const legacy = await argon2.hash(PASSWORD, { type: argon2.argon2i, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await server.db.query('update user_account set password_hash = $1 where id = $2', [legacy, user.userId]);
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    expect(paramsOf((await accountRow(server, user.userId)).password_hash!)).toEqual(['argon2id', '19456', '2', '1']);
  });

  it('a malformed stored hash is a failed login, not a system error', async () => {
    const user = await activeUser(server);
    await server.db.query("update user_account set password_hash = 'not-a-phc-string' where id = $1", [user.userId]);
    const res = await login(server, user.authId);
    expect(res.code).toBe('WZBAM005E');
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(1);
  });
});
