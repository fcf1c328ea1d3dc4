import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, LOGIN, loginToken, PASSWORD, registerUser } from '../../support/fixtures.js';
import { mailHalves, outboxOfUser, waitUntil } from '../../support/mail-helpers.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import type { Config } from '../../../server/src/config.js';
import {
  PASSWORD_EXPIRY_REMINDER_TASK,
  passwordExpiryReminderTask,
} from '../../../server/src/modules/password/expiry-reminders.js';

/**
 * Password-expiry reminders (rules.md §3): 30 and 7 days before the expiry, each once per password, none after the
 * password changed, exactly once when several workers run the job at the same time, nothing when expiry is off.
 * The job is called directly with the server's manual clock; the last part checks it is wired into the real worker.
 */

const DAY = 86_400_000;
const MAX_AGE_DAYS = 365;
const helpers = {} as JobHelpers;
const log = createLogger('silent');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

/** Runs the reminder job once, as the worker would, with the server's clock. */
function runJob(config: Config = server.config) {
  return passwordExpiryReminderTask({ orm: server.app.deps.orm, config, clock: server.clock, log })({}, helpers);
}

/** An ACTIVE account whose password was set now; returns it with its expiry instant. */
async function userWithFreshPassword() {
  const u = await activeUser(server);
  return { ...u, expiresAt: server.clock.now().getTime() + MAX_AGE_DAYS * DAY };
}

const at = (ms: number) => server.clock.set(new Date(ms));

async function reminderMails(userId: string) {
  return outboxOfUser(server.db, userId, 'PASSWORD_EXPIRY_REMINDER');
}

async function reminderKinds(userId: string): Promise<string[]> {
  const { rows } = await server.db.query<{ kind: string }>('select kind from password_reminder where user_id = $1 order by sent_at, kind', [userId]);
  return rows.map((r) => r.kind);
}

/** YYYY/MM/DD HH:MM in Asia/Tokyo (UTC+9, no daylight saving). */
function tokyo(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16).replace(/-/g, '/').replace('T', ' ');
}

describe('the 30-day and the 7-day reminder', () => {
  it('the 30-day one: not before its window, then exactly once, to the registered address, with the expiry in Japan time', async () => {
    const u = await userWithFreshPassword();
    at(u.expiresAt - 30 * DAY - 1000);
    await runJob();
    expect(await reminderMails(u.userId)).toEqual([]);

    at(u.expiresAt - 30 * DAY);
    await runJob();
    const mails = await reminderMails(u.userId);
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toBe(u.email);
    expect(mails[0].subject).toBe('【在留申請オンラインシステム】パスワード有効期限のお知らせ / Your password will expire soon');
    const { ja, en } = mailHalves(mails[0].body);
    expect(ja).toContain(`認証ID ${u.authId} のパスワードの有効期限は ${tokyo(u.expiresAt)}（日本時間）です（あと約30日）。`);
    expect(ja).toContain('http://portal.test/login');
    expect(en).toContain(`expires at ${tokyo(u.expiresAt)} (Japan time), in about 30 days`);
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_30']);

    // later runs in the same window send nothing more
    await runJob();
    server.clock.advance(3600);
    await runJob();
    at(u.expiresAt - 7 * DAY - 1000);
    await runJob();
    expect(await reminderMails(u.userId)).toHaveLength(1);
  });

  it('the 7-day one: exactly once after the 30-day one; nothing once the password expired', async () => {
    const u = await userWithFreshPassword();
    at(u.expiresAt - 30 * DAY + 3600_000);
    await runJob();
    at(u.expiresAt - 7 * DAY - 1000);
    await runJob();
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_30']);

    at(u.expiresAt - 7 * DAY);
    await runJob();
    await runJob();
    at(u.expiresAt - 1000);
    await runJob();
    at(u.expiresAt + DAY);
    await runJob();
    const mails = await reminderMails(u.userId);
    expect(mails).toHaveLength(2);
    expect(mailHalves(mails[1].body).ja).toContain('（あと約7日）');
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_30', 'DAYS_7']);
  });

  it('a run that missed the 30-day window sends only the 7-day reminder', async () => {
    const u = await userWithFreshPassword();
    at(u.expiresAt - 5 * DAY);
    await runJob();
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_7']);
    expect(await reminderMails(u.userId)).toHaveLength(1);
  });

  it('a new password starts over: no 7-day reminder for the old one, a 30-day one for the new one in its time', async () => {
    const u = await userWithFreshPassword();
    at(u.expiresAt - 30 * DAY);
    await runJob();
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_30']);

    at(u.expiresAt - 20 * DAY);
    const token = await loginToken(server, u.authId);
    const changed = await server.gql(
      'mutation C($i: ChangePasswordInput!) { changePassword(input: $i) { __typename } }',
      { i: { currentPassword: PASSWORD, newPassword: 'Renewed5#Pass', newPasswordConfirmation: 'Renewed5#Pass' } },
      { token },
    );
    expect(changed.data.changePassword.__typename).toBe('ChangePasswordSuccess');
    const newExpiry = server.clock.now().getTime() + MAX_AGE_DAYS * DAY;

    at(u.expiresAt - 7 * DAY);
    await runJob();
    at(u.expiresAt + DAY);
    await runJob();
    expect(await reminderMails(u.userId)).toHaveLength(1);

    at(newExpiry - 30 * DAY);
    await runJob();
    const mails = await reminderMails(u.userId);
    expect(mails).toHaveLength(2);
    expect(mails[1].body).toContain(tokyo(newExpiry));
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_30']); // the old password's rows went with it
  });
});

describe('exactly once when several workers run the job at the same time', () => {
  it('four concurrent runs: one 30-day and later one 7-day reminder per account', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => userWithFreshPassword()));
    const expiresAt = Math.max(...users.map((u) => u.expiresAt));
    at(expiresAt - 30 * DAY);
    await Promise.all([runJob(), runJob(), runJob(), runJob()]);
    for (const u of users) expect(await reminderKinds(u.userId), u.authId).toEqual(['DAYS_30']);
    for (const u of users) expect(await reminderMails(u.userId), u.authId).toHaveLength(1);

    at(expiresAt - 7 * DAY);
    await Promise.all([runJob(), runJob(), runJob(), runJob()]);
    for (const u of users) expect(await reminderMails(u.userId), u.authId).toHaveLength(2);
    // and every mail has its sending job
    const { rows } = await server.db.query(
      `select count(*)::int as n from mail_outbox o join graphile_worker.jobs j on j.key = 'mail:' || o.id
       where o.user_id = any($1) and o.kind = 'PASSWORD_EXPIRY_REMINDER'`,
      [users.map((u) => u.userId)],
    );
    expect(rows[0].n).toBe(12);
  });
});

describe('who gets none', () => {
  it('PASSWORD_MAX_AGE_DAYS=0 (expiry off): nothing, even inside the window', async () => {
    const u = await userWithFreshPassword();
    at(u.expiresAt - 7 * DAY);
    await runJob({ ...server.config, passwordMaxAgeDays: 0 });
    expect(await reminderMails(u.userId)).toEqual([]);
    expect(await reminderKinds(u.userId)).toEqual([]);
    await runJob(); // with expiry on, the same moment is due
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_7']);
  });

  it('suspended accounts and accounts without a password', async () => {
    const control = await userWithFreshPassword();
    const suspended = await userWithFreshPassword();
    await server.db.query("update user_account set status = 'SUSPENDED' where id = $1", [suspended.userId]);
    const pending = await registerUser(server);
    at(control.expiresAt - 7 * DAY);
    await runJob();
    expect(await reminderKinds(control.userId)).toEqual(['DAYS_7']);
    expect(await reminderKinds(suspended.userId)).toEqual([]);
    expect(await reminderKinds(pending.userId)).toEqual([]);
  });

  it('a password that lives 20 days gets no 30-day reminder (it would come when the password is set)', async () => {
    const config = { ...server.config, passwordMaxAgeDays: 20 };
    const u = await activeUser(server);
    const setAt = server.clock.now().getTime();
    await runJob(config);
    expect(await reminderKinds(u.userId)).toEqual([]);
    at(setAt + 13 * DAY);
    await runJob(config);
    expect(await reminderKinds(u.userId)).toEqual(['DAYS_7']);
  });

  it('an account whose login is restricted because the password expired is not reminded any more', async () => {
    const u = await userWithFreshPassword();
    at(u.expiresAt);
    expect((await server.gql(LOGIN, { input: { authId: u.authId, password: PASSWORD } })).data.login.code).toBe('WZBAM158E');
    await runJob();
    expect(await reminderKinds(u.userId)).toEqual([]);
  });
});

describe('in the real worker', () => {
  let capture: MailCapture;
  let live: TestServer;
  beforeAll(async () => {
    capture = await MailCapture.start({ port: 0 });
    live = await startTestServer({ worker: true, env: { SMTP_URL: capture.url } });
  });
  afterAll(async () => {
    await live?.stop();
    await capture?.stop();
  });

  it('the crontab entry is registered and the task runs: the reminder mail arrives', async () => {
    await waitUntil(
      async () => (await live.db.query('select identifier from graphile_worker._private_known_crontabs')).rows.map((r) => r.identifier),
      (ids) => ids.includes(PASSWORD_EXPIRY_REMINDER_TASK),
      { what: 'the reminder crontab known to graphile-worker' },
    );
    const u = await activeUser(live);
    live.clock.set(new Date(live.clock.now().getTime() + (MAX_AGE_DAYS - 30) * DAY));
    await live.db.query('select graphile_worker.add_job($1)', [PASSWORD_EXPIRY_REMINDER_TASK]);
    const mail = await capture.waitFor((m) => m.to.includes(u.email) && m.subject.includes('パスワード有効期限のお知らせ'), 30_000);
    expect(mail.text).toContain(u.authId);
  });
});
