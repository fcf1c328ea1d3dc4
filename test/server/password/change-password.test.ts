import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, LOGIN, loginToken, PASSWORD, uniqueEmail } from '../../support/fixtures.js';
import { accountRow, expectTopLevel } from '../../support/auth-helpers.js';
import { outboxOfUser } from '../../support/mail-helpers.js';
import { hashToken } from '../../../server/src/lib/tokens.js';
import { issueEmailLink } from '../../../server/src/modules/password/email-link.service.js';

/**
 * changePassword (パスワード変更, screens 10–11) over HTTP against PostgreSQL: the form's codes (WZBAM001E, WZBAM162E,
 * the policy), WZBAM154E and the fifth-in-a-row session end (rules.md §4), what a change does to sessions — every
 * one ends, the caller continues on a rotated token (rules.md §5, security.md 14) — the notice mail, and the
 * restricted session after WZBAM158E (rules.md §3).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const NEW_PASSWORD = 'Shinjuku4#Gyoen';
const WRONG = 'Wrong-pass1!';
const DAY = 86_400_000;

const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess { token expiresAt user { authId email passwordExpiresAt } }
      ... on WrongCurrentPasswordError { code message sessionEnded }
      ... on InputValidationError { code message fieldErrors { field code message } }
    }
  }`;

const ME = 'query { me { authId } }';
const UPDATE_PHONE = 'mutation { updateUser(input: { phone: "0311112222" }) { __typename } }';

async function loggedIn() {
  const user = await activeUser(server);
  const token = await loginToken(server, user.authId);
  return { ...user, token };
}

function change(token: string, currentPassword: string | null, newPassword: string | null, newPasswordConfirmation = newPassword, lang?: string) {
  return server.gql(CHANGE_PASSWORD, { input: { currentPassword, newPassword, newPasswordConfirmation } }, { token, lang });
}

async function result(res: Awaited<ReturnType<typeof change>>) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.changePassword;
}

async function wrongCount(token: string): Promise<{ wrong_password_count: number; revoked_reason: string | null }> {
  const { rows } = await server.db.query('select wrong_password_count, revoked_reason from session where token_hash = $1', [hashToken(token)]);
  return rows[0];
}

async function meWorks(token: string, authId: string) {
  const res = await server.gql(ME, {}, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.me.authId).toBe(authId);
}

describe('the form (nothing is verified or counted while it is invalid)', () => {
  it('all empty: WZBAM001E on every field', async () => {
    const u = await loggedIn();
    for (const value of [null, '']) {
      expect(await result(await change(u.token, value, value))).toEqual({
        __typename: 'InputValidationError',
        code: 'WZBAM001E',
        message: '「！」がついている項目を入力してください。',
        fieldErrors: ['currentPassword', 'newPassword', 'newPasswordConfirmation'].map((field) => ({
          field,
          code: 'WZBAM001E',
          message: '「！」がついている項目を入力してください。',
        })),
      });
    }
    expect(await wrongCount(u.token)).toEqual({ wrong_password_count: 0, revoked_reason: null });
  });

  it('a different confirmation: WZBAM162E on newPasswordConfirmation (ja and en)', async () => {
    const u = await loggedIn();
    expect(await result(await change(u.token, PASSWORD, NEW_PASSWORD, 'Shinjuku4#Gyoem'))).toEqual({
      __typename: 'InputValidationError',
      code: 'WZBAM162E',
      message: 'パスワードとパスワード（確認）には同じ値を入力してください。',
      fieldErrors: [
        { field: 'newPasswordConfirmation', code: 'WZBAM162E', message: 'パスワードとパスワード（確認）には同じ値を入力してください。' },
      ],
    });
    const en = await result(await change(u.token, PASSWORD, NEW_PASSWORD, 'x', 'en'));
    expect(en.fieldErrors[0].message).toBe('Enter the same value in Password and Password (confirmation).');
  });

  const E005 = '新しいパスワードの入力内容に誤りがあります。';
  it.each([
    ['too short', 'Ab1!xyz', 'WZBAM005E', `${E005}8文字以上にしてください（入力されたのは7文字です）。`],
    ['33 characters (never truncated)', `Hibiya4#${'q'.repeat(25)}`, 'WZBAM005E', `${E005}32文字以内にしてください（入力されたのは33文字です）。`],
    ['no symbol', 'Shinjuku4Gyoen', 'WZBAM005E', `${E005}記号（$%&=@_#+.?!）を1文字以上含めてください。`],
    ['"password"', 'password', 'WZBAM005E', `${E005}半角数字を1文字以上含めてください。記号（$%&=@_#+.?!）を1文字以上含めてください。`],
    ['a space', ' ', 'WZBAM005E', `${E005}8文字以上にしてください（入力されたのは1文字です）。半角英字を1文字以上含めてください。半角数字を1文字以上含めてください。記号（$%&=@_#+.?!）を1文字以上含めてください。使用できない文字が含まれています：空白。`],
    ['"*" inside', 'Shinjuku4#Gyo*en', 'WZBAM005E', `${E005}使用できない文字が含まれています：「*」。`],
    [
      'full-width characters',
      'Ｓｈｉｎｊｕｋｕ４＃',
      'WZBAM005E',
      `${E005}半角英字を1文字以上含めてください。半角数字を1文字以上含めてください。記号（$%&=@_#+.?!）を1文字以上含めてください。使用できない文字が含まれています：全角文字（Ｓｈｉｎｊなど）。`,
    ],
    ['a common password', 'Password1!', 'PASSWORD_TOO_COMMON', '新しいパスワードは多くの人が使っている推測されやすいものです。別のパスワードを入力してください。'],
    [
      'the on-screen example',
      'Kasumi7$Seki',
      'PASSWORD_TOO_COMMON',
      '新しいパスワードには、画面に例として示しているパスワード（数字や記号を足したものを含む）は使用できません。別のパスワードを入力してください。',
    ],
    ['the current one', PASSWORD, 'PASSWORD_SAME_AS_CURRENT', '新しいパスワードには現在のパスワードと異なるものを入力してください。'],
  ])('policy: %s → %s on newPassword; nothing changes', async (_label, newPassword, code, message) => {
    const u = await loggedIn();
    const before = await accountRow(server, u.userId);
    const r = await result(await change(u.token, PASSWORD, newPassword));
    expect(r.__typename).toBe('InputValidationError');
    expect(r.fieldErrors).toEqual([{ field: 'newPassword', code, message }]);
    expect(await accountRow(server, u.userId)).toEqual(before);
    await meWorks(u.token, u.authId);
    expect(await outboxOfUser(server.db, u.userId, 'PASSWORD_CHANGED')).toEqual([]);
  });

  it('policy in English: the rule that failed, with the item', async () => {
    const u = await loggedIn();
    const r = await result(await change(u.token, PASSWORD, 'Ab1!', 'Ab1!', 'en'));
    expect(r.message).toBe('The new password you entered is not valid. Please enter it again.');
    expect(r.fieldErrors).toEqual([
      { field: 'newPassword', code: 'WZBAM005E', message: 'The new password you entered is not valid. Use at least 8 characters (you entered 4).' },
    ]);
  });

  it('policy: a password that contains the 認証ID (any case) → PASSWORD_CONTAINS_AUTH_ID', async () => {
    const u = await loggedIn();
    const r = await result(await change(u.token, PASSWORD, `${u.authId.toUpperCase()}#x`));
    expect(r.fieldErrors).toEqual([
      { field: 'newPassword', code: 'PASSWORD_CONTAINS_AUTH_ID', message: '新しいパスワードに認証IDを含めないでください。' },
    ]);
  });

  it('a current password with a control character or 129 characters: WZBAM005E on currentPassword', async () => {
    const u = await loggedIn();
    for (const current of ['Kasumi7$\u0000', 'x'.repeat(129)]) {
      const r = await result(await change(u.token, current, NEW_PASSWORD));
      expect(r.fieldErrors).toEqual([
        { field: 'currentPassword', code: 'WZBAM005E', message: '現在のパスワードの入力内容に誤りがあります。再度入力してください。' },
      ]);
    }
    expect((await wrongCount(u.token)).wrong_password_count).toBe(0);
  });
});

describe('a wrong current password (WZBAM154E)', () => {
  it('answers WrongCurrentPasswordError, counts on the session, changes nothing and keeps the session', async () => {
    const u = await loggedIn();
    const before = await accountRow(server, u.userId);
    expect(await result(await change(u.token, WRONG, NEW_PASSWORD))).toEqual({
      __typename: 'WrongCurrentPasswordError',
      code: 'WZBAM154E',
      message: 'パスワードが一致しません。現在のパスワードを再度確認してください。',
      sessionEnded: false,
    });
    expect((await result(await change(u.token, WRONG, NEW_PASSWORD, NEW_PASSWORD, 'en'))).message).toBe(
      'The password does not match. Please check your current password.',
    );
    expect(await wrongCount(u.token)).toEqual({ wrong_password_count: 2, revoked_reason: null });
    expect(await accountRow(server, u.userId)).toEqual(before);
    await meWorks(u.token, u.authId);
    expect(await outboxOfUser(server.db, u.userId, 'PASSWORD_CHANGED')).toEqual([]);
    // the current password is case-sensitive
    expect((await result(await change(u.token, PASSWORD.toLowerCase(), NEW_PASSWORD))).code).toBe('WZBAM154E');
  });

  it('five in a row end the session: the fifth says so, the next request is UNAUTHENTICATED, the password is unchanged', async () => {
    const u = await loggedIn();
    for (let i = 1; i <= 4; i++) {
      expect(await result(await change(u.token, WRONG, NEW_PASSWORD)), `attempt ${i}`).toMatchObject({ code: 'WZBAM154E', sessionEnded: false });
      await meWorks(u.token, u.authId);
    }
    expect(await result(await change(u.token, WRONG, NEW_PASSWORD))).toMatchObject({ code: 'WZBAM154E', sessionEnded: true });
    expect(await wrongCount(u.token)).toEqual({ wrong_password_count: 5, revoked_reason: 'TOO_MANY_WRONG_PASSWORDS' });

    expectTopLevel(await server.gql(ME, {}, { token: u.token }), 'UNAUTHENTICATED');
    // even the right password does not help on this session any more
    expectTopLevel(await change(u.token, PASSWORD, NEW_PASSWORD), 'UNAUTHENTICATED');
    expect(await outboxOfUser(server.db, u.userId, 'PASSWORD_CHANGED')).toEqual([]);
    const { rows } = await server.db.query("select count(*)::int as n from auth_event where user_id = $1 and type = 'SESSION_ENDED_WRONG_PASSWORDS'", [u.userId]);
    expect(rows[0].n).toBe(1);

    // The user logs in again (the old password still works) and starts with a clean count.
    const again = await loginToken(server, u.authId);
    expect(await wrongCount(again)).toEqual({ wrong_password_count: 0, revoked_reason: null });
    for (let i = 1; i <= 4; i++) expect((await result(await change(again, WRONG, NEW_PASSWORD))).sessionEnded).toBe(false);
    expect((await result(await change(again, PASSWORD, NEW_PASSWORD))).__typename).toBe('ChangePasswordSuccess');
  });

  it('several changePassword fields in one document are refused before anything is verified or counted (security.md 8)', async () => {
    const u = await loggedIn();
    const field = (alias: string) =>
      `${alias}: changePassword(input: { currentPassword: "${WRONG}", newPassword: "${NEW_PASSWORD}", newPasswordConfirmation: "${NEW_PASSWORD}" }) { __typename }`;
    const res = await server.gql(`mutation { ${['a', 'b', 'c', 'd', 'e'].map(field).join(' ')} }`, {}, { token: u.token });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await wrongCount(u.token)).toEqual({ wrong_password_count: 0, revoked_reason: null });
    await meWorks(u.token, u.authId);
  });

  it('eight wrong attempts in parallel on one session: exactly five are counted, one ends the session, three find it ended', async () => {
    const u = await loggedIn();
    const results = await Promise.all(Array.from({ length: 8 }, () => change(u.token, WRONG, NEW_PASSWORD)));
    const answered = results.filter((r) => !r.errors).map((r) => r.data.changePassword);
    const refused = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(answered).toHaveLength(5);
    expect(answered.every((a) => a.code === 'WZBAM154E')).toBe(true);
    expect(answered.filter((a) => a.sessionEnded)).toHaveLength(1);
    expect(refused).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await wrongCount(u.token)).toEqual({ wrong_password_count: 5, revoked_reason: 'TOO_MANY_WRONG_PASSWORDS' });
  });
});

describe('a successful change', () => {
  it('stores the new password, ends every session, answers a working rotated token and mails a notice', async () => {
    const u = await activeUser(server);
    // Two logins (a browser, then a partner system): the first one is already superseded by the second.
    const first = await loginToken(server, u.authId);
    const current = await loginToken(server, u.authId);
    expectTopLevel(await server.gql(ME, {}, { token: first }), 'WZBAM099E');
    // an outstanding reset link, mailed before the change
    const em = server.app.deps.orm.em.fork();
    await em.transactional((tem) => issueEmailLink(tem, server.config, { userId: u.userId, purpose: 'RESET', email: u.email, now: server.clock.now() }));

    server.clock.advance(120);
    const now = server.clock.now();
    const r = await result(await change(current, PASSWORD, NEW_PASSWORD));
    expect(r.__typename).toBe('ChangePasswordSuccess');
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.token).not.toBe(current);
    expect(r.user).toEqual({ authId: u.authId, email: u.email, passwordExpiresAt: new Date(now.getTime() + 365 * DAY).toISOString() });
    expect(new Date(r.expiresAt).getTime()).toBe(now.getTime() + 1800 * 1000);

    // sessions: the rotated token works, the one sent with the request does not, nothing else is live
    await meWorks(r.token, u.authId);
    expectTopLevel(await server.gql(ME, {}, { token: current }), 'UNAUTHENTICATED');
    expect((await server.gql(ME, {}, { token: first })).errors?.[0].extensions?.code).not.toBeUndefined();
    const { rows: sessions } = await server.db.query<{ token_hash: string; revoked_reason: string | null; restricted: boolean }>(
      'select token_hash, revoked_reason, restricted from session where user_id = $1 order by created_at',
      [u.userId],
    );
    // (the two logins share the test clock's instant: told apart by their tokens, not by created_at)
    const reasonOf = (token: string) => sessions.find((s) => s.token_hash === hashToken(token))?.revoked_reason;
    expect(sessions).toHaveLength(3);
    expect([reasonOf(first), reasonOf(current), reasonOf(r.token)]).toEqual(['SUPERSEDED', 'PASSWORD_CHANGED', null]);
    expect(sessions[2]).toEqual({ token_hash: hashToken(r.token), revoked_reason: null, restricted: false });

    // the account
    const row = await accountRow(server, u.userId);
    expect(row.password_changed_at?.getTime()).toBe(now.getTime());
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await server.gql(LOGIN, { input: { authId: u.authId, password: PASSWORD } })).data.login.code).toBe('WZBAM005E');
    expect((await server.gql(LOGIN, { input: { authId: u.authId, password: NEW_PASSWORD } })).data.login.__typename).toBe('LoginSuccess');

    // the reset link mailed before is void
    const { rows: links } = await server.db.query("select voided_at from email_link where user_id = $1 and purpose = 'RESET'", [u.userId]);
    expect(links.map((l) => l.voided_at?.getTime())).toEqual([now.getTime()]);

    // the notice mail, to the registered address
    const mails = await outboxOfUser(server.db, u.userId, 'PASSWORD_CHANGED');
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toBe(u.email);
    expect(mails[0].subject).toBe('【在留申請オンラインシステム】パスワード変更完了のお知らせ / Your password has been changed');
    expect(mails[0].body).toContain(u.authId);
    expect(mails[0].body).not.toContain(NEW_PASSWORD);
    expect(mails[0].body).not.toContain(PASSWORD);
    const { rows: events } = await server.db.query("select count(*)::int as n from auth_event where user_id = $1 and type = 'PASSWORD_CHANGED'", [u.userId]);
    expect(events[0].n).toBe(1);
  });

  it('the notice goes to the address registered at the time (after an e-mail change, the new one)', async () => {
    const u = await loggedIn();
    const newEmail = uniqueEmail();
    const upd = await server.gql(
      'mutation U($e: String) { updateUser(input: { email: $e, emailConfirmation: $e }) { __typename } }',
      { e: newEmail },
      { token: u.token },
    );
    expect(upd.data.updateUser.__typename).toBe('UpdateUserSuccess');
    expect((await result(await change(u.token, PASSWORD, NEW_PASSWORD))).__typename).toBe('ChangePasswordSuccess');
    expect((await outboxOfUser(server.db, u.userId, 'PASSWORD_CHANGED')).map((m) => m.recipient)).toEqual([newEmail]);
  });

  it('anonymous callers and bad tokens are UNAUTHENTICATED', async () => {
    for (const token of [undefined, 'bogus']) expectTopLevel(await change(token as string, PASSWORD, NEW_PASSWORD), 'UNAUTHENTICATED');
  });
});

describe('an expired password (WZBAM158E): the restricted session', () => {
  async function expiredLogin() {
    const u = await activeUser(server);
    const setAt = new Date(server.clock.now().getTime() - 365 * DAY);
    await server.db.query('update user_account set password_changed_at = $1 where id = $2', [setAt, u.userId]);
    const res = await server.gql(LOGIN, { input: { authId: u.authId, password: PASSWORD } });
    expect(res.data.login).toMatchObject({ __typename: 'PasswordExpiredError', code: 'WZBAM158E' });
    return { ...u, token: res.data.login.token as string };
  }

  it('may read me and change the password; everything else is FORBIDDEN until then', async () => {
    const u = await expiredLogin();
    await meWorks(u.token, u.authId);
    expectTopLevel(await server.gql(UPDATE_PHONE, {}, { token: u.token }), 'FORBIDDEN');
    // the same password again is refused: it must change
    expect((await result(await change(u.token, PASSWORD, PASSWORD))).fieldErrors).toEqual([
      { field: 'newPassword', code: 'PASSWORD_SAME_AS_CURRENT', message: '新しいパスワードには現在のパスワードと異なるものを入力してください。' },
    ]);

    const r = await result(await change(u.token, PASSWORD, NEW_PASSWORD));
    expect(r.__typename).toBe('ChangePasswordSuccess');
    // the new token is a normal session: the rest of the portal works with it
    const updated = await server.gql(UPDATE_PHONE, {}, { token: r.token });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateUser.__typename).toBe('UpdateUserSuccess');
    const { rows } = await server.db.query('select restricted from session where token_hash = $1', [hashToken(r.token)]);
    expect(rows).toEqual([{ restricted: false }]);
    // the restricted token is over, and a new login is a normal one
    expectTopLevel(await server.gql(ME, {}, { token: u.token }), 'UNAUTHENTICATED');
    expect((await server.gql(LOGIN, { input: { authId: u.authId, password: NEW_PASSWORD } })).data.login.__typename).toBe('LoginSuccess');
  });

  it('may log out', async () => {
    const u = await expiredLogin();
    const res = await server.gql('mutation { logout { __typename } }', {}, { token: u.token });
    expect(res.data.logout.__typename).toBe('LoggedOut');
    expectTopLevel(await change(u.token, PASSWORD, NEW_PASSWORD), 'UNAUTHENTICATED');
  });
});
