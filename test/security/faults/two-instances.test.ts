import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../support/test-database.js';
import { MailCapture, extractAuthId, extractLinks } from '../../support/smtp-receiver.js';
import { gqlAt, startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { LOGIN, ME, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../../support/fixtures.js';

/**
 * security.md 30: two server instances (each with its mail worker) on one database behave as one: double login,
 * lockout, rate limits and mail delivery.
 */
let a: ServerProcess;
let b: ServerProcess;
let smtp: MailCapture;
let db: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  smtp = await MailCapture.start({ port: 0 });
  db = await createTestDatabase();
  const env = { DATABASE_URL: db.url, SMTP_URL: smtp.url, TRUSTED_PROXIES: '127.0.0.1' };
  [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await smtp?.stop();
  await db?.drop();
});

async function post(server: ServerProcess, query: string, variables: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

async function activeAccount(email: string): Promise<string> {
  const reg = await post(a, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } }, { 'x-forwarded-for': `10.1.0.${email.length}` });
  expect(reg.data.register.__typename).toBe('RegistrationAccepted');
  const mail = await smtp.waitFor((m) => m.to.includes(email) && /認証ID/.test(m.text), 30_000);
  const token = new URL(extractLinks(mail.text)[0]).searchParams.get('token');
  const set = await gqlAt(b.url, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } });
  expect(set.data.setPassword.__typename).toBe('PasswordSet');
  return extractAuthId(mail.text)!;
}

it('delivers a mail exactly once although both instances run a worker', async () => {
  const emails = Array.from({ length: 6 }, (_, i) => `once${i}@example.jp`);
  await Promise.all(
    emails.map((email, i) =>
      post(i % 2 ? a : b, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } }, { 'x-forwarded-for': `10.2.0.${i}` }),
    ),
  );
  for (const email of emails) await smtp.waitFor((m) => m.to.includes(email), 30_000);
  await new Promise((r) => setTimeout(r, 2000)); // room for a duplicate to show up, if there were one
  for (const email of emails) expect(smtp.mails().filter((m) => m.to.includes(email)).length, email).toBe(1);
});

it('a login on one instance supersedes the session on the other (WZBAM099E)', async () => {
  const authId = await activeAccount('double@example.jp');
  const first = await gqlAt(a.url, LOGIN, { input: { authId, password: PASSWORD } });
  const second = await gqlAt(b.url, LOGIN, { input: { authId, password: PASSWORD } });
  const onA = await gqlAt(a.url, ME, undefined, first.data.login.token);
  expect(onA.errors?.[0].extensions.code).toBe('WZBAM099E');
  const onB = await gqlAt(a.url, ME, undefined, second.data.login.token);
  expect(onB.data.me.authId).toBe(authId);
});

it('failures on both instances add up to one lockout', async () => {
  const authId = await activeAccount('lock@example.jp');
  for (let i = 0; i < 5; i++) {
    const res = await post(i % 2 ? a : b, LOGIN, { input: { authId, password: 'Wrong-pass1!' } }, { 'x-forwarded-for': '10.3.0.1' });
    expect(res.data.login.code).toBe('WZBAM005E');
  }
  const locked = await post(a, LOGIN, { input: { authId, password: PASSWORD } }, { 'x-forwarded-for': '10.3.0.2' });
  expect(locked.data.login.code).toBe('WZBAM153E');
  await smtp.waitFor((m) => m.to.includes('lock@example.jp') && /アカウントロック/.test(m.subject), 30_000);
});

it('one per-IP budget for failed logins across both instances', async () => {
  const ip = { 'x-forwarded-for': '10.4.0.1' };
  for (let i = 0; i < 20; i++) {
    const res = await post(i % 2 ? a : b, LOGIN, { input: { authId: `nouser${String(i).padStart(4, '0')}`, password: 'Wrong-pass1!' } }, ip);
    expect(res.data.login.code, `attempt ${i + 1}`).toBe('WZBAM005E');
  }
  const refused = await post(a, LOGIN, { input: { authId: 'nouser9999', password: 'Wrong-pass1!' } }, ip);
  expect(refused.errors?.[0].extensions.code).toBe('RATE_LIMITED');
  const refusedToo = await post(b, LOGIN, { input: { authId: 'nouser9998', password: 'Wrong-pass1!' } }, ip);
  expect(refusedToo.errors?.[0].extensions.code).toBe('RATE_LIMITED');
});
