import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, PASSWORD, SET_PASSWORD } from '../../support/fixtures.js';
import { hashToken } from '../../../server/src/lib/tokens.js';
import { accountRow, countRows, login } from '../../support/auth-helpers.js';

/** rules.md §4, security.md 5, 6, 10: lock after N consecutive failures for 24 h, mailed to the owner. */

const WRONG = 'Wrong-pass1!';
const DAY = 86_400;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const lockMails = (userId: string) =>
  server.db.query<{ recipient: string; subject: string; body: string }>(
    "select recipient, subject, body from mail_outbox where kind = 'ACCOUNT_LOCKED' and user_id = $1",
    [userId],
  );
const events = (s: TestServer, userId: string, type: string) =>
  countRows(s, 'select 1 from auth_event where user_id = $1 and type = $2', [userId, type]);

describe('consecutive failures (threshold 5)', () => {
  it('N−1 failures then a success reset the counter; N−1 more failures still do not lock', async () => {
    expect(server.config.lockoutThreshold).toBe(5);
    const user = await activeUser(server);
    for (let i = 1; i <= 4; i++) {
      expect((await login(server, user.authId, WRONG)).code).toBe('WZBAM005E');
      expect((await accountRow(server, user.userId)).failed_login_count).toBe(i);
    }
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(0);

    for (let i = 0; i < 4; i++) expect((await login(server, user.authId, WRONG)).code).toBe('WZBAM005E');
    const row = await accountRow(server, user.userId);
    expect(row.failed_login_count).toBe(4);
    expect(row.locked_until).toBeNull();
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    expect((await lockMails(user.userId)).rows).toHaveLength(0);
  });

  it('N failures lock for 24 h: WZBAM153E only with the right password, released exactly at +24 h', async () => {
    const user = await activeUser(server);
    for (let i = 0; i < 4; i++) expect((await login(server, user.authId, WRONG)).code).toBe('WZBAM005E');
    const lockedAt = server.clock.now();
    // The locking attempt itself answers like any wrong password.
    expect((await login(server, user.authId, WRONG)).code).toBe('WZBAM005E');
    const expectedUntil = lockedAt.getTime() + DAY * 1000;
    expect((await accountRow(server, user.userId)).locked_until?.getTime()).toBe(expectedUntil);

    for (const lang of ['ja', 'en']) {
      const locked = await login(server, user.authId, PASSWORD, { lang });
      expect(locked.__typename).toBe('AccountLockedError');
      expect(locked.code).toBe('WZBAM153E');
      expect(new Date(locked.lockedUntil).getTime()).toBe(expectedUntil);
      expect(locked.message).toContain(lang === 'ja' ? '24時間' : '24 hours');
    }
    expect(await countRows(server, 'select 1 from session where user_id = $1', [user.userId])).toBe(0);

    // A wrong password while locked reveals nothing and neither extends nor re-sends the lock.
    const wrongWhileLocked = await login(server, user.authId, WRONG);
    expect(wrongWhileLocked).toEqual(await login(server, 'zzzzz00000', WRONG));
    expect(wrongWhileLocked.code).toBe('WZBAM005E');

    server.clock.set(new Date(expectedUntil - 1000));
    expect((await login(server, user.authId)).code).toBe('WZBAM153E');
    server.clock.set(new Date(expectedUntil));
    const released = await login(server, user.authId);
    expect(released.__typename).toBe('LoginSuccess');
    const row = await accountRow(server, user.userId);
    expect(row.locked_until).toBeNull();
    expect(row.failed_login_count).toBe(0);

    const mails = (await lockMails(user.userId)).rows;
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toBe(user.email);
    expect(mails[0].body).toContain(user.authId);
    expect(mails[0].body).toContain('http://portal.test/password/forgot');
    expect(mails[0].body.indexOf('アカウント')).toBeLessThan(mails[0].body.indexOf('account')); // Japanese first
    expect(await events(server, user.userId, 'ACCOUNT_LOCKED')).toBe(1);
  });

  it('a lock that ran out restarts the count: one failure afterwards does not lock again', async () => {
    const user = await activeUser(server);
    for (let i = 0; i < 5; i++) await login(server, user.authId, WRONG);
    expect((await login(server, user.authId)).code).toBe('WZBAM153E');
    server.clock.advance(DAY);
    expect((await login(server, user.authId, WRONG)).code).toBe('WZBAM005E');
    const row = await accountRow(server, user.userId);
    expect(row.failed_login_count).toBe(1);
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
  });

  it('a completed online password reset releases the lock at once', async () => {
    const user = await activeUser(server);
    for (let i = 0; i < 5; i++) await login(server, user.authId, WRONG);
    expect((await login(server, user.authId)).code).toBe('WZBAM153E');

    const token = `reset-${user.authId}-${Math.random()}`;
    const now = server.clock.now();
    await server.db.query(
      `insert into email_link (user_id, purpose, token_hash, email, created_at, expires_at)
       values ($1, 'RESET', $2, $3, $4, $4::timestamptz + interval '1 hour')`,
      [user.userId, hashToken(token), user.email, now],
    );
    const newPassword = 'Nagoya8#Kita';
    const set = await server.gql(SET_PASSWORD, { input: { token, password: newPassword, passwordConfirmation: newPassword } });
    expect(set.data.setPassword.__typename).toBe('PasswordSet');
    expect((await login(server, user.authId, newPassword)).__typename).toBe('LoginSuccess');
  });
});

describe('concurrency', () => {
  it('50 parallel wrong-password logins with the default threshold lock exactly once, and nothing succeeds afterwards', async () => {
    const user = await activeUser(server);
    const answers = await Promise.all(Array.from({ length: 50 }, () => login(server, user.authId, WRONG)));
    expect(answers.every((a) => a.code === 'WZBAM005E')).toBe(true);

    expect((await lockMails(user.userId)).rows).toHaveLength(1);
    expect(await events(server, user.userId, 'ACCOUNT_LOCKED')).toBe(1);
    // Exactly five attempts counted as wrong passwords; the other 45 met the lock.
    expect(
      await countRows(server, "select 1 from auth_event where user_id = $1 and type = 'LOGIN_FAILED' and details->>'reason' = 'wrong-password'", [
        user.userId,
      ]),
    ).toBe(5);
    expect(await events(server, user.userId, 'LOGIN_FAILED')).toBe(50);
    expect((await accountRow(server, user.userId)).locked_until?.getTime()).toBe(server.clock.now().getTime() + DAY * 1000);

    const after = await login(server, user.authId);
    expect(after.__typename).toBe('AccountLockedError');
    expect(after.code).toBe('WZBAM153E');
    expect(await countRows(server, 'select 1 from session where user_id = $1', [user.userId])).toBe(0);
  });

  it('50 parallel wrong-password logins with LOCKOUT_THRESHOLD=100 leave failed_login_count exactly 50', async () => {
    const high = await startTestServer({ env: { LOCKOUT_THRESHOLD: '100' } });
    try {
      const user = await activeUser(high);
      const answers = await Promise.all(Array.from({ length: 50 }, () => login(high, user.authId, WRONG)));
      expect(answers.every((a) => a.code === 'WZBAM005E')).toBe(true);
      const row = await accountRow(high, user.userId);
      expect(row.failed_login_count).toBe(50);
      expect(row.locked_until).toBeNull();
      expect(await events(high, user.userId, 'ACCOUNT_LOCKED')).toBe(0);
      expect((await login(high, user.authId)).__typename).toBe('LoginSuccess');
      expect((await accountRow(high, user.userId)).failed_login_count).toBe(0);
    } finally {
      await high.stop();
    }
  });
});
