import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../../server/src/db/embedded.js';
import { freePort, startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import argon2 from 'argon2';
import { LOGIN, PASSWORD, REGISTER, VALID_REGISTRATION } from '../../support/fixtures.js';
import { ARGON2_PARAMS } from '../../../server/src/modules/password/password-hasher.js';

/**
 * security.md 29: PostgreSQL restarted under load (registrations and logins) → requests fail cleanly with WZBAM098E
 * during the outage, no half-written account or session, and the same server process recovers by itself. The database here is this test's own
 * embedded PostgreSQL, so stopping it disturbs nothing else.
 */
let dataDir: string;
let pgPort: number;
let db: EmbeddedDatabase;
let smtp: MailCapture;
let server: ServerProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ras-fault-pg-'));
  await chmod(dataDir, 0o755);
  pgPort = await freePort();
  db = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'faults' });
  smtp = await MailCapture.start({ port: 0 });
  server = await startServerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await smtp?.stop();
  await db?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Outcome {
  email: string;
  status: number;
  kind: 'accepted' | 'WZBAM098E' | 'other';
  body: string;
}

async function register(n: number): Promise<Outcome> {
  const email = `restart${n}@example.jp`;
  try {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: REGISTER, variables: { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } } }),
    });
    const body = await res.text();
    const json = JSON.parse(body);
    const kind = json.data?.register?.__typename === 'RegistrationAccepted' ? 'accepted' : json.errors?.[0]?.extensions?.code === 'WZBAM098E' ? 'WZBAM098E' : 'other';
    return { email, status: res.status, kind, body };
  } catch (err) {
    return { email, status: 0, kind: 'other', body: String(err) };
  }
}

/** An active account written straight into the table (the server under test is only asked to log it in). */
async function activeAccount(): Promise<string> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(
      `insert into user_account (auth_id, name, sex, birth_date, residence_code, residence_address, phone, email, user_class,
         status, password_hash, password_changed_at, created_at, updated_at)
       values ('restart001', 'RESTART USER', 'MALE', '1990-01-01', '131016', '霞が関', '0312345678', 'restart.login@example.jp',
         'FOREIGN_NATIONAL', 'ACTIVE', $1, now(), now(), now())`,
      [await argon2.hash(PASSWORD, ARGON2_PARAMS)],
    );
  } finally {
    await client.end();
  }
  return 'restart001';
}

async function login(authId: string): Promise<{ kind: 'accepted' | 'WZBAM098E' | 'other'; body: string }> {
  try {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { input: { authId, password: PASSWORD } } }),
    });
    const body = await res.text();
    const json = JSON.parse(body);
    const kind = json.data?.login?.__typename === 'LoginSuccess' ? 'accepted' : json.errors?.[0]?.extensions?.code === 'WZBAM098E' ? 'WZBAM098E' : 'other';
    return { kind, body };
  } catch (err) {
    return { kind: 'other', body: String(err) };
  }
}

it('answers WZBAM098E while the database is down, writes nothing half, and recovers without a restart', async () => {
  const authId = await activeAccount();
  const outcomes: Outcome[] = [];
  const logins: Awaited<ReturnType<typeof login>>[] = [];
  let n = 0;
  let running = true;
  const loadLoop = (async () => {
    while (running) {
      outcomes.push(await register(n++));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const loginLoop = (async () => {
    while (running) {
      logins.push(await login(authId));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  await new Promise((r) => setTimeout(r, 1500));
  await db.stop();
  await new Promise((r) => setTimeout(r, 2000));
  const readyDuring = await fetch(`${server.url}/readyz`).catch((err) => {
    throw new Error(`server died: ${String(err)}\n${server.output()}`);
  });
  db = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'faults' });

  // Recovery: registrations succeed again, on the same server process.
  const deadline = Date.now() + 30_000;
  let recoveredAt = -1;
  while (Date.now() < deadline && recoveredAt < 0) {
    await new Promise((r) => setTimeout(r, 200));
    const last = outcomes.slice(-3);
    if (last.length === 3 && last.every((o) => o.kind === 'accepted') && outcomes.some((o) => o.kind === 'WZBAM098E')) recoveredAt = outcomes.length;
  }
  running = false;
  await Promise.all([loadLoop, loginLoop]);

  expect(readyDuring.status).toBe(503);
  expect(recoveredAt, 'service recovered').toBeGreaterThan(0);
  expect(server.child.exitCode).toBeNull();
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

  const failed = outcomes.filter((o) => o.kind !== 'accepted');
  expect(failed.length).toBeGreaterThan(0);
  for (const o of failed) {
    expect(o.kind, o.body).toBe('WZBAM098E'); // a clean, masked answer — never a stack, an HTML page or a dropped connection
    expect(o.body).not.toMatch(/ECONNREFUSED|terminat|at .*\.(js|ts):\d+/);
    expect(JSON.parse(o.body).errors[0].extensions.requestId).toMatch(/^[0-9a-f]{12}$/);
  }

  // Nothing half-written: every account has its link, its mail and its audit row; every accepted one exists.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string; links: string; mails: string; events: string }>(`
      select u.email,
        (select count(*) from email_link l where l.user_id = u.id) as links,
        (select count(*) from mail_outbox m where m.user_id = u.id and m.kind = 'REGISTRATION') as mails,
        (select count(*) from auth_event e where e.user_id = u.id and e.type = 'REGISTERED') as events
      from user_account u`);
    for (const r of rows.filter((x) => x.email !== 'restart.login@example.jp')) {
      expect([r.email, r.links, r.mails, r.events]).toEqual([r.email, '1', '1', '1']);
    }
    const stored = new Set(rows.map((r) => r.email));
    for (const o of outcomes.filter((x) => x.kind === 'accepted')) expect(stored.has(o.email), o.email).toBe(true);

    // Logins: every failure clean; every session written together with its LOGIN_SUCCEEDED event and its account
    // update (nothing half), never two live sessions; and logging in works again.
    expect(logins.filter((l) => l.kind === 'accepted').length).toBeGreaterThan(0);
    for (const l of logins.filter((x) => x.kind !== 'accepted')) expect(l.kind, l.body).toBe('WZBAM098E');
    const [counts] = (
      await client.query<{ sessions: string; live: string; events: string; last_login_matches: boolean }>(`
        select (select count(*) from session s where s.user_id = u.id) as sessions,
               (select count(*) from session s where s.user_id = u.id and s.revoked_at is null) as live,
               (select count(*) from auth_event e where e.user_id = u.id and e.type = 'LOGIN_SUCCEEDED') as events,
               u.last_login_at = (select max(created_at) from session s where s.user_id = u.id) as last_login_matches
        from user_account u where u.auth_id = $1`, [authId])
    ).rows;
    expect(Number(counts.sessions)).toBeGreaterThanOrEqual(logins.filter((l) => l.kind === 'accepted').length);
    expect(counts.events).toBe(counts.sessions);
    expect(Number(counts.live)).toBeLessThanOrEqual(1);
    expect(counts.last_login_matches).toBe(true);
    expect((await login(authId)).kind).toBe('accepted');
  } finally {
    await client.end();
  }
}, 120_000);
