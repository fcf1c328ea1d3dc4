import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, gqlAt, listeningAddresses, startServerProcess } from '../support/server-process.js';
import { extractAuthId, extractLinks } from '../support/smtp-receiver.js';
import { LOGIN, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../support/fixtures.js';

/**
 * `npm start` with nothing configured: HTTP on loopback only, an embedded PostgreSQL under DATA_DIR (created on the
 * first start, reused on the next), the development mailbox at /dev/mailbox, and a clean stop on Ctrl-C (SIGINT) that
 * also stops the database.
 */
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

it('runs on an embedded database and the development mailbox, and stops cleanly', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ras-portal-'));
  dirs.push(dataDir);
  await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its directory
  const pgPort = await freePort();
  const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: '', SMTP_URL: '', HOST: '' };

  const first = await startServerProcess(env);
  expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  expect(first.output()).toContain('/dev/mailbox');
  // no HOST: this machine only (issue 17), and the start-up message says so
  const port = Number(new URL(first.url).port);
  expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
  expect(first.output()).toMatch(new RegExp(`Listening: +127\\.0\\.0\\.1:${port} +\\(this machine only; set HOST=0\\.0\\.0\\.0`));
  const email = 'embedded@example.jp';
  const reg = await gqlAt(first.url, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
  expect(reg.data.register.__typename).toBe('RegistrationAccepted');

  // The mail, as a newcomer reads it in the development mailbox.
  let text = '';
  for (let i = 0; i < 100 && !text; i++) {
    const mails = (await (await fetch(`${first.url}/dev/mailbox/messages.json`)).json()) as { to: string[]; text: string }[];
    text = mails.find((m) => m.to.includes(email))?.text ?? '';
    if (!text) await new Promise((r) => setTimeout(r, 200));
  }
  const authId = extractAuthId(text)!;
  const token = new URL(extractLinks(text)[0]).searchParams.get('token');
  const page = await (await fetch(`${first.url}/dev/mailbox/`)).text();
  expect(page).toContain('利用者登録のお知らせ');
  const set = await gqlAt(first.url, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } });
  expect(set.data.setPassword.__typename).toBe('PasswordSet');

  expect(await first.stop('SIGINT')).toBe(0);
  expect(await portOpen(pgPort)).toBe(false); // the embedded database stopped with it

  // Second start: the same data directory is reused, the account is still there.
  const second = await startServerProcess(env, [], { ownGroup: true });
  const login = await gqlAt(second.url, LOGIN, { input: { authId, password: PASSWORD } });
  expect(login.data.login.__typename).toBe('LoginSuccess');

  // Ctrl-C in the terminal reaches the whole process group. Logins still in flight are answered — the database must
  // not shut down under them (it would if it got the SIGINT too) — and only then does everything stop. Six logins
  // at once take turns at the hashing slots, so when the first is answered the others are still being worked on.
  const sent = Array.from({ length: 6 }, () =>
    gqlAt(second.url, LOGIN, { input: { authId, password: PASSWORD } }).then((answer) => ({ answer, at: performance.now() })),
  );
  const settled = Promise.allSettled(sent); // from the start: a refused one rejects while the interrupt is awaited
  await Promise.race(sent);
  const interruptedAt = performance.now();
  expect(await second.interrupt()).toBe(0);
  // A request the server had not yet read when it stopped listening is refused (fetch rejects; nothing of it was
  // done, so a client may retry it); none of those it read may fail.
  const answers = (await settled).flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  expect(answers.some((a) => a.at > interruptedAt)).toBe(true);
  for (const { answer } of answers) expect(answer.data?.login.__typename).toBe('LoginSuccess');
  expect(second.output()).not.toMatch(/terminating connection|WZBAM098E|Connection terminated/i);
  expect(await portOpen(pgPort)).toBe(false);
});
