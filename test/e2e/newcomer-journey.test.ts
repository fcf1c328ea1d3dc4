import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { MailCapture, extractAuthId, extractLinks } from '../support/smtp-receiver.js';
import { gqlAt, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { LOGIN, LOGOUT, ME, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../support/fixtures.js';

/**
 * The account core end to end, on real parts only: the product as its own process (migrating an empty database on
 * start), a real SMTP receiver, HTTP from outside. register → mail (認証ID + link) → set password → login → me →
 * logout → SIGTERM.
 */
let smtp: MailCapture;
let db: { url: string; drop: () => Promise<void> };
let server: ServerProcess;

beforeAll(async () => {
  smtp = await MailCapture.start({ port: 0 });
  db = await createTestDatabase({ empty: true });
  // Debug logging: the most the process ever prints, checked below for secrets (security.md 4).
  server = await startServerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@portal.example', LOG_LEVEL: 'debug' });
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await smtp?.stop();
  await db?.drop();
});

it('takes a newcomer from registration to logout', async () => {
  const email = 'newcomer@example.jp';
  const registered = await gqlAt(server.url, REGISTER, {
    input: { ...VALID_REGISTRATION, name: 'ｈｏｕｍｕ　ｔａｒｏ', email, emailConfirmation: email },
  });
  expect(registered.data.register).toEqual({ __typename: 'RegistrationAccepted', email });

  const mail = await smtp.waitFor((m) => m.to.includes(email) && /認証ID/.test(m.text), 30_000);
  expect(mail.from).toContain('no-reply@portal.example');
  expect(mail.text.indexOf('認証ID')).toBeLessThan(mail.text.indexOf('Authentication ID'));
  expect(mail.text).toContain('HOUMU TARO');
  const authId = extractAuthId(mail.text)!;
  expect(authId).toMatch(/^[a-z]{5}[0-9]{5}$/);
  const link = extractLinks(mail.text).find((l) => l.includes('/password/set?token='))!;
  expect(link.startsWith(`${server.url}/password/set?token=`)).toBe(true);
  const token = new URL(link).searchParams.get('token');

  const set = await gqlAt(server.url, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } });
  expect(set.data.setPassword).toEqual({ __typename: 'PasswordSet', authId });
  await smtp.waitFor((m) => m.to.includes(email) && /パスワード登録完了/.test(m.subject), 30_000);

  const again = await gqlAt(server.url, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } });
  expect(again.data.setPassword.code).toBe('LINK_INVALID');

  // The 認証ID as a user might type it: upper case, full width, spaces.
  const login = await gqlAt(server.url, LOGIN, { input: { authId: ` ${authId.toUpperCase()} `, password: PASSWORD } });
  expect(login.data.login.__typename).toBe('LoginSuccess');
  expect(login.data.login.user.previousLoginAt).toBeNull();
  const session = login.data.login.token as string;

  const me = await gqlAt(server.url, ME, undefined, session);
  expect(me.data.me).toMatchObject({ authId, name: 'HOUMU TARO', email, userClass: 'COUNTER_COE_RECIPIENT' });
  expect(me.data.me.residence).toMatchObject({ code: '131016', name: '千代田区', prefecture: { name: '東京都' } });

  const out = await gqlAt(server.url, LOGOUT, undefined, session);
  expect(out.data.logout).toEqual({ __typename: 'LoggedOut', ok: true });
  const after = await gqlAt(server.url, ME, undefined, session);
  expect(after.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

  // Nothing secret in what the process printed.
  expect(server.output().length).toBeGreaterThan(0);
  expect(server.output()).not.toContain(PASSWORD);
  expect(server.output()).not.toContain(session);
  expect(server.output()).not.toContain(token!);

  expect(await server.stop('SIGTERM')).toBe(0);
});
