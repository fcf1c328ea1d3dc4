import nodemailer from 'nodemailer';
import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { REGISTER, SET_PASSWORD, PASSWORD, VALID_REGISTRATION, uniqueEmail } from '../../support/fixtures.js';
import { MailCapture, extractAuthId, extractLinks, type CapturedMail } from '../../support/smtp-receiver.js';
import { jobsFor, mailHalves, outboxFor, waitUntil } from '../../support/mail-helpers.js';
import { hashToken } from '../../../server/src/lib/tokens.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import { enqueueMail } from '../../../server/src/modules/mail/outbox.js';
import { sendMailTask } from '../../../server/src/modules/mail/mail-worker.js';

/**
 * The mail outbox with the real worker and a real SMTP receiver (rules.md §6, security.md 28): what a registration
 * mail looks like on the wire, SMTP being down loses nothing and fails nothing, a sent mail is never sent again, and
 * a rolled-back change leaves no mail.
 */

// With a display name, as deployments usually configure it; the direct task calls below use the bare address.
const MAIL_FROM = '在留申請オンラインシステム <no-reply@ras-portal.example>';
const MAIL_FROM_ADDRESS = 'no-reply@ras-portal.example';
const PUBLIC_URL = 'https://ras.example.test';

let capture: MailCapture;
let server: TestServer;
beforeAll(async () => {
  capture = await MailCapture.start({ port: 0 });
  server = await startTestServer({ worker: true, env: { SMTP_URL: capture.url, MAIL_FROM, PUBLIC_URL } });
});
afterAll(async () => {
  await server?.stop();
  await capture?.stop();
});

async function register(email: string) {
  const res = await server.gql(REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.register).toEqual({ __typename: 'RegistrationAccepted', email });
  const { rows } = await server.db.query<{ id: string; auth_id: string }>('select id, auth_id from user_account where email = $1', [email]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

const mailsTo = (email: string) => capture.mails().filter((m) => m.to.includes(email));
const sentOutbox = (email: string) =>
  waitUntil(() => outboxFor(server.db, email), (rows) => rows.length > 0 && rows.every((r) => r.sent_at !== null), { what: `outbox of ${email} sent` });

describe('a registration mail on the wire', () => {
  let email: string;
  let user: { id: string; auth_id: string };
  let mail: CapturedMail;
  beforeAll(async () => {
    email = uniqueEmail();
    user = await register(email);
    mail = await capture.waitFor((m) => m.to.includes(email), 20_000);
  });

  it('arrives from MAIL_FROM to the registered address, with the fixed subject, in plain text', async () => {
    expect(mail.from).toBe('"在留申請オンラインシステム" <no-reply@ras-portal.example>');
    expect(mail.to).toEqual([email]);
    expect(mail.headers.to).toContain(email);
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.headers.cc).toBeUndefined();
    expect(mail.subject).toBe('【在留申請オンラインシステム】利用者登録のお知らせ（認証ID・パスワード登録） / Your registration (authentication ID and password)');
    expect(mail.headers['content-type']).toMatch(/^text\/plain/);
    expect(mail.html).toBeUndefined();
    const [row] = await outboxFor(server.db, email);
    expect(mail.messageId).toBe(`<${row.id}@ras-portal.example>`);
  });

  it('carries the 認証ID and the first-password link, Japanese first, then English', () => {
    expect(extractAuthId(mail.text)).toBe(user.auth_id);
    const links = extractLinks(mail.text);
    expect(links).toHaveLength(1);
    expect(links[0].startsWith(`${PUBLIC_URL}/password/set?token=`)).toBe(true);

    const { ja, en } = mailHalves(mail.text);
    expect(mail.text.indexOf(ja)).toBe(0);
    expect(ja).toContain('HOUMU TARO 様');
    expect(ja).toContain(`認証ID：${user.auth_id}`);
    // the help desk's hours in both languages (HELPDESK_HOURS, HELPDESK_HOURS_EN)
    expect(mail.text).toContain('問合せ対応時間：月曜日から金曜日');
    expect(mail.text).toContain('Hours: Monday to Friday, 9:00 to 17:00 Japan time');
    expect(ja).toContain(links[0]);
    expect(ja).not.toMatch(/Dear|Your registration/);
    expect(en).toContain('Dear HOUMU TARO,');
    expect(en).toContain(`Authentication ID (認証ID): ${user.auth_id}`);
    expect(en).toContain(links[0]);
  });

  it('the outbox row is marked sent, and the mailed link sets the password (whose mail arrives too)', async () => {
    const [row] = await sentOutbox(email);
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeNull();

    const token = new URL(extractLinks(mail.text)[0]).searchParams.get('token')!;
    const { rows } = await server.db.query('select token_hash from email_link where user_id = $1', [user.id]);
    expect(rows).toEqual([{ token_hash: hashToken(token) }]);
    const set = await server.gql(SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } });
    expect(set.data.setPassword).toEqual({ __typename: 'PasswordSet', authId: user.auth_id });
    const done = await capture.waitFor((m) => m.to.includes(email) && m.subject.includes('パスワード登録完了'), 20_000);
    expect(done.text).toContain(user.auth_id);
    expect(done.text).not.toContain(PASSWORD);
    expect(mailHalves(done.text).en).toContain(`The password of authentication ID ${user.auth_id} has been set`);
  });
});

describe('SMTP down (security.md 28)', () => {
  it('registration succeeds, the mail waits, and after SMTP is back it is delivered exactly once', async () => {
    const email = uniqueEmail();
    await capture.stop();
    try {
      await register(email); // the user's request does not fail
      const [waiting] = await waitUntil(
        () => outboxFor(server.db, email),
        (rows) => rows.length === 1 && rows[0].attempts >= 1,
        { what: 'a failed send attempt', timeoutMs: 20_000 },
      );
      expect(waiting.sent_at).toBeNull();
      expect(waiting.last_error).toBeTruthy();
      const jobs = await jobsFor(server.db, waiting.id);
      expect(jobs).toHaveLength(1); // still queued for a retry
      expect(jobs[0].attempts).toBeGreaterThanOrEqual(1);
      expect(mailsTo(email)).toEqual([]);
    } finally {
      await capture.restart();
    }

    // graphile-worker retries with exponential back-off (first retry ~e¹ s after the failure).
    const mail = await capture.waitFor((m) => m.to.includes(email), 30_000);
    expect(mail.subject).toContain('利用者登録のお知らせ');
    const [sent] = await sentOutbox(email);
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.last_error).toBeNull();
    // The job is finished (graphile-worker deletes completed jobs): nothing is left that could send it again.
    await waitUntil(() => jobsFor(server.db, sent.id), (jobs) => jobs.length === 0, { what: 'job completed' });
    expect(mailsTo(email)).toHaveLength(1);
  });
});

describe('idempotency of the send task', () => {
  async function insertOutboxRow(recipient: string): Promise<string> {
    const { rows } = await server.db.query<{ id: string }>(
      `insert into mail_outbox (kind, recipient, subject, body, created_at) values ('PASSWORD_SET', $1, 'test subject', 'test body', now()) returning id`,
      [recipient],
    );
    return rows[0].id; // no job: only the direct calls below send it
  }
  const helpers = {} as JobHelpers;
  const log = createLogger('silent');

  it('a mail that was already sent is not sent again when its job runs again', async () => {
    const recipient = uniqueEmail();
    const id = await insertOutboxRow(recipient);
    const transport = nodemailer.createTransport(capture.url);
    try {
      const task = sendMailTask({ pool: server.db, transport, from: MAIL_FROM_ADDRESS, clock: server.clock, log });
      await task({ outboxId: id }, helpers);
      await task({ outboxId: id }, helpers);
    } finally {
      transport.close();
    }
    // sendMail resolves only after the receiver accepted the message, so both calls have been seen by now.
    expect(mailsTo(recipient)).toHaveLength(1);
    expect(mailsTo(recipient)[0].messageId).toBe(`<${id}@ras-portal.example>`);
    expect(mailsTo(recipient)[0].from).toBe(MAIL_FROM_ADDRESS);
    const [row] = await outboxFor(server.db, recipient);
    expect(row.sent_at?.getTime()).toBe(server.clock.now().getTime());
    expect(row.attempts).toBe(1);
  });

  it('a failed send counts the attempt, keeps the mail unsent and throws (so graphile-worker retries)', async () => {
    const recipient = uniqueEmail();
    const id = await insertOutboxRow(recipient);
    const down = nodemailer.createTransport('smtp://127.0.0.1:1');
    const up = nodemailer.createTransport(capture.url);
    try {
      await expect(sendMailTask({ pool: server.db, transport: down, from: MAIL_FROM, clock: server.clock, log })({ outboxId: id }, helpers)).rejects.toThrow();
      let [row] = await outboxFor(server.db, recipient);
      expect(row).toMatchObject({ sent_at: null, attempts: 1 });
      expect(row.last_error).toBeTruthy();
      expect(mailsTo(recipient)).toEqual([]);

      await sendMailTask({ pool: server.db, transport: up, from: MAIL_FROM, clock: server.clock, log })({ outboxId: id }, helpers);
      [row] = await outboxFor(server.db, recipient);
      expect(row).toMatchObject({ attempts: 2, last_error: null });
      expect(row.sent_at).not.toBeNull();
      expect(mailsTo(recipient)).toHaveLength(1);
    } finally {
      down.close();
      up.close();
    }
  });

  it('an unknown outbox id or a payload without one is a no-op', async () => {
    const before = capture.mails().length;
    const transport = nodemailer.createTransport(capture.url);
    try {
      const task = sendMailTask({ pool: server.db, transport, from: MAIL_FROM, clock: server.clock, log });
      await task({ outboxId: '00000000-0000-0000-0000-000000000000' }, helpers);
      await task({}, helpers);
    } finally {
      transport.close();
    }
    expect(capture.mails().length).toBe(before);
  });
});

describe('the outbox is part of the transaction', () => {
  const mail = (to: string) => ({ kind: 'PASSWORD_CHANGED' as const, to, subject: 'subject', text: 'body' });

  it('a transaction that rolls back leaves no outbox row and no job', async () => {
    const to = uniqueEmail();
    let id: string | undefined;
    const em = server.app.deps.orm.em.fork();
    await expect(
      em.transactional(async (tem) => {
        id = await enqueueMail(tem, mail(to), server.clock.now());
        // inside the transaction both exist
        const inside = await tem.execute<{ n: number }[]>(
          'select (select count(*) from mail_outbox where id = ?)::int + (select count(*) from graphile_worker.jobs where key = ?)::int as n',
          [id, `mail:${id}`],
        );
        expect(inside[0].n).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await server.db.query('select count(*)::int as n from mail_outbox where id = $1', [id])).rows[0].n).toBe(0);
    expect(await jobsFor(server.db, id!)).toEqual([]);
    expect(await outboxFor(server.db, to)).toEqual([]);
  });

  it('the same call in a committed transaction writes the row and the job, and the mail is delivered once', async () => {
    const to = uniqueEmail();
    const em = server.app.deps.orm.em.fork();
    const id = await em.transactional((tem) => enqueueMail(tem, mail(to), server.clock.now()));
    const rows = await outboxFor(server.db, to);
    expect(rows.map((r) => r.id)).toEqual([id]);
    const delivered = await capture.waitFor((m) => m.to.includes(to), 20_000);
    expect(delivered.subject).toBe('subject');
    await sentOutbox(to);
    await waitUntil(() => jobsFor(server.db, id), (jobs) => jobs.length === 0, { what: 'job completed' });
    expect(mailsTo(to)).toHaveLength(1);
  });
});
