import type { AddressInfo, Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION, REQUEST_PASSWORD_RESET } from '../../support/fixtures.js';
import { jobsFor, outboxFor, waitUntil, type OutboxRow } from '../../support/mail-helpers.js';
import { freePort, gqlAt, startServerProcess, startWorkerProcess, type ServerProcess } from '../../support/server-process.js';
import { MailCapture, extractAuthId, extractLinks, type CapturedMail } from '../../support/smtp-receiver.js';
import { createTestDatabase, testPool } from '../../support/test-database.js';

/**
 * security.md 28 with real processes only: the product runs as `node --import tsx server/src/main.ts` child processes
 * against a PostgreSQL database of its own, and sends to a real SMTP server (smtp-server) in this test process.
 *
 * 1. The SMTP server is down while a registration and a password reset happen: both answer success at once, the mails
 *    wait in the outbox through graphile-worker's retries, and each arrives exactly once when SMTP is back on the
 *    same port. (There is no knob for the retry back-off: graphile-worker waits exp(attempts) seconds — 2.7 s, 7.4 s,
 *    20 s … — which is short enough for the first retries.)
 * 2. The worker process is SIGKILLed while the SMTP server holds its DATA phase: the mail is delivered by another
 *    worker process after the outbox sweep re-queues it, once.
 */

const MAIL_DOMAIN = 'ras-portal.example';
const MAIL_FROM = `no-reply@${MAIL_DOMAIN}`;
const NEW_PASSWORD = 'Toranomon8%Hills';
const REGISTRATION_SUBJECT = '【在留申請オンラインシステム】利用者登録のお知らせ（認証ID・パスワード登録） / Your registration (authentication ID and password)';
const RESET_SUBJECT = '【在留申請オンラインシステム】パスワード再設定のお知らせ / Resetting your password';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const messageIdOf = (outboxId: string) => `<${outboxId}@${MAIL_DOMAIN}>`;
/** How long to keep watching for a duplicate after a mail was delivered and its job is gone. */
const QUIET_MS = 2500;

function registrationInput(email: string) {
  return { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } };
}

function tokenOf(text: string): string {
  const link = extractLinks(text).find((u) => u.includes('/password/set?token='));
  if (!link) throw new Error(`no password link in:\n${text}`);
  return new URL(link).searchParams.get('token')!;
}

async function authIdOf(pool: pg.Pool, email: string): Promise<string> {
  const { rows } = await pool.query<{ auth_id: string }>('select auth_id from user_account where email = $1', [email]);
  expect(rows, email).toHaveLength(1);
  return rows[0]!.auth_id;
}

/** The one outbox row of `kind` addressed to `email`. */
async function outboxRow(pool: pg.Pool, email: string, kind: string): Promise<OutboxRow> {
  const rows = (await outboxFor(pool, email)).filter((r) => r.kind === kind);
  expect(rows, `${kind} mails to ${email}`).toHaveLength(1);
  return rows[0]!;
}

/** Waits until every outbox row of `emails` is sent and no job is left for any of them (no retry can follow). */
async function allSentAndSettled(pool: pg.Pool, emails: string[], timeoutMs: number): Promise<OutboxRow[]> {
  return waitUntil(
    async () => {
      const rows = (await Promise.all(emails.map((e) => outboxFor(pool, e)))).flat();
      const jobs = (await Promise.all(rows.map((r) => jobsFor(pool, r.id)))).flat();
      return { rows, jobs: jobs.length };
    },
    ({ rows, jobs }) => rows.length > 0 && rows.every((r) => r.sent_at !== null) && jobs === 0,
    { timeoutMs, intervalMs: 200, what: `mails to ${emails.join(', ')} sent and their jobs finished` },
  ).then((v) => v.rows);
}

// ---------------------------------------------------------------------------------------------------------------
describe('SMTP server down during registration and password reset', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let smtpPort: number;
  let smtp: MailCapture;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = testPool(db.url, 2);
    smtpPort = await freePort(); // fixed for the whole test: the receiver comes back on the same port
    smtp = await MailCapture.start({ port: smtpPort });
    // One instance with HTTP and the mail worker (the default role).
    server = await startServerProcess({
      DATABASE_URL: db.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM,
      RATE_LIMIT_MULTIPLIER: '1000',
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await smtp?.stop();
    await pool?.end();
    await db?.drop();
  });

  const mailsWithId = (outboxId: string): CapturedMail[] => smtp.mails().filter((m) => m.messageId === messageIdOf(outboxId));
  /** The mail has one link, to this server's password page, and it sets `password` for the account `authId`. */
  const expectItsLinkSetsThePassword = async (mail: CapturedMail, password: string, authId: string) => {
    const links = extractLinks(mail.text);
    expect(links).toHaveLength(1);
    expect(links[0]!.startsWith(`${server.url}/password/set?token=`)).toBe(true);
    const set = await gqlAt(server.url, SET_PASSWORD, { input: { token: tokenOf(mail.text), password, passwordConfirmation: password } });
    expect(set.data?.setPassword, JSON.stringify(set)).toEqual({ __typename: 'PasswordSet', authId });
  };

  it('answers at once, keeps the mails while SMTP is down, and delivers each exactly once after it is back', async () => {
    // An existing, active account (password set), made while SMTP is up.
    const resetEmail = 'reset-while-down@example.jp';
    const regEmail = 'register-while-down@example.jp';
    const setup = await gqlAt(server.url, REGISTER, registrationInput(resetEmail));
    expect(setup.data?.register.__typename, JSON.stringify(setup)).toBe('RegistrationAccepted');
    const setupMail = await smtp.waitFor((m) => m.to.includes(resetEmail) && m.subject === REGISTRATION_SUBJECT, 30_000);
    const setupSet = await gqlAt(server.url, SET_PASSWORD, {
      input: { token: tokenOf(setupMail.text), password: PASSWORD, passwordConfirmation: PASSWORD },
    });
    expect(setupSet.data?.setPassword.__typename, JSON.stringify(setupSet)).toBe('PasswordSet');
    const resetAuthId = setupSet.data.setPassword.authId as string;
    await allSentAndSettled(pool, [resetEmail], 30_000); // its "password set" mail too, so nothing is in flight

    // SMTP goes down.
    await smtp.stop();
    expect(smtp.running).toBe(false);
    const mailsBefore = smtp.mails().length;

    const started = Date.now();
    const [registered, resetRequested] = await Promise.all([
      gqlAt(server.url, REGISTER, registrationInput(regEmail)),
      gqlAt(server.url, REQUEST_PASSWORD_RESET, { input: { authId: resetAuthId, email: resetEmail } }),
    ]);
    const answeredInMs = Date.now() - started;
    expect(registered.data?.register, JSON.stringify(registered)).toEqual({ __typename: 'RegistrationAccepted', email: regEmail });
    expect(resetRequested.data?.requestPasswordReset, JSON.stringify(resetRequested)).toEqual({
      __typename: 'PasswordResetRequested',
      email: resetEmail,
    });
    expect(answeredInMs, 'both answers do not wait for SMTP').toBeLessThan(5000);

    const regRow = await outboxRow(pool, regEmail, 'REGISTRATION');
    const resetRow = await outboxRow(pool, resetEmail, 'PASSWORD_RESET_LINK');

    // The worker tries, fails on the refused connection and retries (graphile-worker back-off: ~2.7 s, then ~7.4 s):
    // wait for the second failed attempt of each mail, so retries demonstrably happened while SMTP was down.
    const whileDown = await waitUntil(
      async () => Promise.all([outboxRow(pool, regEmail, 'REGISTRATION'), outboxRow(pool, resetEmail, 'PASSWORD_RESET_LINK')]),
      (rows) => rows.every((r) => r.attempts >= 2),
      { timeoutMs: 30_000, intervalMs: 200, what: 'two failed attempts per mail' },
    );
    for (const row of whileDown) {
      expect(row.sent_at, row.kind).toBeNull();
      expect(row.last_error, row.kind).toMatch(/ECONNREFUSED/);
      const jobs = await jobsFor(pool, row.id);
      expect(jobs, `${row.kind}: its job is still queued for a retry`).toHaveLength(1);
      expect(jobs[0]!.attempts).toBeGreaterThanOrEqual(2);
    }
    expect(smtp.mails().length, 'nothing arrived while SMTP was down').toBe(mailsBefore);

    // SMTP is back, on the same port.
    await smtp.restart();
    expect(smtp.port).toBe(smtpPort);
    const downForMs = Date.now() - started;

    // Delivered by the next retry (≤ ~8 s after the second failure, or ~20 s after a third one).
    const sent = await allSentAndSettled(pool, [regEmail, resetEmail], 45_000);
    await sleep(QUIET_MS); // room for a duplicate to show up, if there were one

    // Exactly once per outbox row: every mail to these addresses carries the Message-ID of one outbox row, and every
    // outbox row (REGISTRATION and PASSWORD_SET before the outage, the two written during it) has exactly one mail.
    const received = smtp.mails().filter((m) => m.to.includes(regEmail) || m.to.includes(resetEmail));
    expect(sent.map((r) => r.kind).sort()).toEqual(['PASSWORD_RESET_LINK', 'PASSWORD_SET', 'REGISTRATION', 'REGISTRATION']);
    expect(received).toHaveLength(sent.length);
    for (const row of sent) {
      const mails = mailsWithId(row.id);
      expect(mails, `${row.kind} to ${row.recipient}`).toHaveLength(1);
      expect(mails[0]!.to).toEqual([row.recipient]);
    }
    for (const row of [regRow, resetRow]) {
      const after = sent.find((r) => r.id === row.id)!;
      expect(after.sent_at, row.kind).not.toBeNull();
      expect(after.last_error, row.kind).toBeNull();
      expect(after.attempts, `${row.kind}: failed attempts + the one that worked`).toBeGreaterThanOrEqual(3);
    }

    // The registration mail: its 認証ID is the account's, and its link sets the first password.
    const [regMail] = mailsWithId(regRow.id);
    expect(regMail!.subject).toBe(REGISTRATION_SUBJECT);
    const regAuthId = await authIdOf(pool, regEmail);
    expect(extractAuthId(regMail!.text)).toBe(regAuthId);
    expect(regMail!.text).toContain(`認証ID：${regAuthId}`);
    await expectItsLinkSetsThePassword(regMail!, PASSWORD, regAuthId);

    // The reset mail: names the account, and its link (still valid after the outage) resets the password.
    const [resetMail] = mailsWithId(resetRow.id);
    expect(resetMail!.subject).toBe(RESET_SUBJECT);
    expect(resetMail!.text).toContain(`認証ID ${resetAuthId} のパスワード再設定`);
    await expectItsLinkSetsThePassword(resetMail!, NEW_PASSWORD, resetAuthId);
    const login = await gqlAt(server.url, LOGIN, { input: { authId: resetAuthId, password: NEW_PASSWORD } });
    expect(login.data?.login.__typename, JSON.stringify(login)).toBe('LoginSuccess');

    expect(server.child.exitCode, 'the server process stayed up').toBeNull();
    expect(downForMs).toBeGreaterThan(2000); // sanity: SMTP really was down across at least one retry
  }, 150_000);
});

// ---------------------------------------------------------------------------------------------------------------

interface AcceptedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
}

/**
 * A real SMTP server that can hold the DATA phase of the next delivery: it reads the whole message, then never sends
 * the final reply, so the client's send is in flight (it has not been accepted) for as long as the test wants.
 * Other deliveries are parsed and kept, like MailCapture does.
 */
class StallingSmtp {
  readonly accepted: AcceptedMail[] = [];
  /** the held delivery: its session id, envelope recipients, and whether its connection has closed */
  held: { sessionId: string; to: string[]; closed: boolean } | undefined;
  #stallNext = false;
  readonly #sockets = new Set<Socket>();
  readonly #server: SMTPServer;

  private constructor() {
    this.#server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      hideSTARTTLS: true,
      disableReverseLookup: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.#stallNext) {
            this.#stallNext = false;
            // The message is complete but never acknowledged: the callback is not called.
            this.held = { sessionId: session.id, to: session.envelope.rcptTo.map((a) => a.address), closed: false };
            return;
          }
          simpleParser(Buffer.concat(chunks)).then(
            (parsed) => {
              this.accepted.push({
                to: session.envelope.rcptTo.map((a) => a.address),
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                messageId: parsed.messageId,
              });
              callback(null);
            },
            (err: Error) => callback(err),
          );
        });
      },
      onClose: (session: SMTPServerSession) => {
        if (this.held?.sessionId === session.id) this.held.closed = true;
      },
    });
    this.#server.on('error', () => undefined);
    this.#server.server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(): Promise<StallingSmtp> {
    const smtp = new StallingSmtp();
    await new Promise<void>((resolve, reject) => {
      smtp.#server.server.once('error', reject);
      smtp.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.#server.server.address() as AddressInfo).port}`;
  }

  /** The next delivery's DATA phase will be held. */
  stallNextDelivery(): void {
    this.#stallNext = true;
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

describe('mail worker killed mid-send', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let smtp: StallingSmtp;
  let server: ServerProcess;
  let firstWorker: ServerProcess;
  let secondWorker: ServerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = testPool(db.url, 2);
    smtp = await StallingSmtp.start();
    const env = { DATABASE_URL: db.url, SMTP_URL: smtp.url, MAIL_FROM, RATE_LIMIT_MULTIPLIER: '1000' };
    // HTTP without a worker, and a separate worker process (`npm run worker`). The first worker keeps the default
    // MAIL_STUCK_AFTER_SECONDS (600), so its own sweep can never re-queue the mail it is holding.
    server = await startServerProcess(env, ['--role=server']);
    firstWorker = await startWorkerProcess(env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([server?.stop('SIGKILL'), firstWorker?.stop('SIGKILL'), secondWorker?.stop('SIGKILL')]);
    await smtp?.stop();
    await pool?.end();
    await db?.drop();
  });

  /**
   * What the design guarantees (server/src/modules/mail): at-least-once. The outbox row is marked sent only after the
   * SMTP server accepted the mail; a job locked by a dead worker is freed by graphile-worker only after 4 hours, so
   * the outbox sweep (every 5 minutes: unsent mails older than MAIL_STUCK_AFTER_SECONDS) re-queues it for a live
   * worker, and `sent_at` stops a second send of a mail already marked sent. A duplicate is possible only when a
   * worker dies between the SMTP server's 250 and the `sent_at` update; it then carries the same Message-ID
   * (<outbox id@domain>), so the receiving side can drop it. Here the worker dies BEFORE the SMTP server accepted
   * anything (the DATA phase is held), so the design guarantees exactly one accepted delivery — asserted below.
   *
   * The sweep's five-minute cron tick is played by this test: it queues the very job the cron queues
   * (`mail_outbox_sweep`) into graphile-worker, instead of waiting up to five minutes for the wall clock.
   */
  it('delivers the mail through a new worker after the first is SIGKILLed in the DATA phase, once', async () => {
    const email = 'killed-mid-send@example.jp';
    smtp.stallNextDelivery();
    const registered = await gqlAt(server.url, REGISTER, registrationInput(email));
    expect(registered.data?.register, JSON.stringify(registered)).toEqual({ __typename: 'RegistrationAccepted', email });

    // The first worker has sent the whole message and waits for the SMTP server's answer.
    await waitUntil(async () => smtp.held, (held) => held !== undefined, { timeoutMs: 30_000, what: 'the held DATA phase' });
    expect(smtp.held!.to).toEqual([email]);
    const row = await outboxRow(pool, email, 'REGISTRATION');
    expect(row.sent_at).toBeNull();
    const lockedBy = async () =>
      (await pool.query<{ locked_by: string | null }>('select locked_by from graphile_worker.jobs where key = $1', [`mail:${row.id}`])).rows;
    const [job] = await lockedBy();
    expect(job?.locked_by, 'the first worker holds the job').toBeTruthy();
    const deadWorkerId = job!.locked_by!;

    // SIGKILL: no chance to release the job or to finish the send.
    expect(firstWorker.child.exitCode).toBeNull();
    await firstWorker.stop('SIGKILL');
    expect(firstWorker.child.signalCode).toBe('SIGKILL');
    await waitUntil(async () => smtp.held!.closed, (closed) => closed, { timeoutMs: 10_000, what: 'the held connection closed' });

    // Nothing was accepted, nothing is marked sent, and the dead worker still holds the job (for 4 hours).
    expect(smtp.accepted).toHaveLength(0);
    const afterKill = await outboxRow(pool, email, 'REGISTRATION');
    expect(afterKill.sent_at).toBeNull();
    expect(await lockedBy()).toEqual([{ locked_by: deadWorkerId }]);

    // A new worker process alone does not take a job another worker has locked …
    secondWorker = await startWorkerProcess({
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      MAIL_FROM,
      MAIL_STUCK_AFTER_SECONDS: '1', // the sweep re-queues mails unsent 1 s after they were written (default 600)
    });
    await sleep(2000);
    expect(smtp.accepted, 'stuck behind the dead worker’s lock').toHaveLength(0);
    expect(await lockedBy()).toEqual([{ locked_by: deadWorkerId }]);

    // … until the sweep re-queues the mail: one tick of the sweep's cron.
    const queueSweep = () =>
      pool.query("select graphile_worker.add_job('mail_outbox_sweep', '{}'::json, job_key := 'mail_outbox_sweep')");
    await queueSweep();
    const [delivered] = await allSentAndSettled(pool, [email], 30_000);
    expect(delivered!.sent_at).not.toBeNull();

    // A later sweep finds nothing to re-queue: the row is marked sent.
    await queueSweep();
    await waitUntil(
      async () => (await pool.query("select count(*)::int as n from graphile_worker.jobs where task_identifier = 'mail_outbox_sweep'")).rows[0].n,
      (n) => n === 0,
      { timeoutMs: 20_000, what: 'the second sweep done' },
    );
    await sleep(QUIET_MS); // room for a duplicate to show up, if there were one

    // Exactly one accepted delivery, of the right mail.
    const mails = smtp.accepted.filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    expect(smtp.accepted).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.messageId).toBe(messageIdOf(row.id));
    expect(mail!.subject).toBe(REGISTRATION_SUBJECT);
    const authId = await authIdOf(pool, email);
    expect(extractAuthId(mail!.text)).toBe(authId);
    expect(mail!.text).toContain(`認証ID：${authId}`);
    const set = await gqlAt(server.url, SET_PASSWORD, { input: { token: tokenOf(mail!.text), password: PASSWORD, passwordConfirmation: PASSWORD } });
    expect(set.data?.setPassword, JSON.stringify(set)).toEqual({ __typename: 'PasswordSet', authId });

    // The dead worker's job lost its key and can never run again; the mail's key has no job left.
    const { rows: orphans } = await pool.query<{ key: string | null; attempts: number; max_attempts: number }>(
      'select key, attempts, max_attempts from graphile_worker.jobs where locked_by = $1',
      [deadWorkerId],
    );
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.key).toBeNull();
    expect(orphans[0]!.attempts).toBe(orphans[0]!.max_attempts);
    expect(await jobsFor(pool, row.id)).toHaveLength(0);
    expect(secondWorker.child.exitCode, 'the new worker stayed up').toBeNull();
  }, 150_000);
});
