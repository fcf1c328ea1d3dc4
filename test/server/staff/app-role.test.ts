import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { startApp, type RunningApp } from '../../../server/src/app.js';
import { APP_ROLE } from '../../../server/src/db/app-role.js';
import { ManualClock } from '../../../server/src/lib/clock.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import { createTestDatabase, testPool } from '../../support/test-database.js';
import { requestGql } from '../../support/test-server.js';
import { REGISTER, VALID_REGISTRATION, uniqueEmail } from '../../support/fixtures.js';

/**
 * docs/operations.md "The application's database role": the product serves as a login role that is only a member of
 * ras_portal_app (DATABASE_URL) while MIGRATION_DATABASE_URL, the owner, migrates and grants. Everything works, and
 * the audit trail is append-only for it.
 */
const loginRole = `ras_portal_serve_${process.pid}`;
let app: RunningApp;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let owner: ReturnType<typeof testPool>;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = testPool(database.url, 1);
  await owner.query(`drop role if exists ${loginRole}`);
  await owner.query(`create role ${loginRole} login in role ${APP_ROLE}`);
  const served = new URL(database.url);
  served.username = loginRole;
  served.password = '';
  const config = loadConfig(
    { DATABASE_URL: served.toString(), MIGRATION_DATABASE_URL: database.url, SMTP_URL: 'smtp://127.0.0.1:1', PUBLIC_URL: 'http://portal.test', LOG_LEVEL: 'error', HASH_CONCURRENCY: '2', RATE_LIMIT_MULTIPLIER: '1000' },
    ['--role=all'],
  );
  app = await startApp(config, { clock: new ManualClock(new Date('2026-04-01T00:00:00Z')), log: createLogger('error'), port: 0 });
});
afterAll(async () => {
  await app?.stop();
  await owner?.query(`drop owned by ${loginRole}`).catch(() => {});
  await owner?.query(`drop role if exists ${loginRole}`).catch(() => {});
  await owner?.end();
  await database?.drop();
});

describe('serving as the application role', () => {
  it('starts, is ready, registers an applicant (outbox and queue) and writes the audit trail, but cannot rewrite it', async () => {
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const email = uniqueEmail();
    const res = await requestGql(app.url!, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
    expect(res.data?.register?.__typename, JSON.stringify(res.errors)).toBe('RegistrationAccepted');
    const login = await requestGql(app.url!, 'mutation { staffLogin(input: { loginId: "nobody@immi.example.go.jp", password: "Wrong1#pass" }) { __typename } }', {}, { endpoint: '/staff/graphql' });
    expect(login.data.staffLogin.__typename).toBe('InvalidCredentialsError');
    const served = app.deps.orm.em.fork();
    const [{ who }] = await served.execute<{ who: string }[]>('select current_user as who');
    expect(who).toBe(loginRole);
    expect((await served.execute('select action from audit_event order by seq desc limit 1'))[0].action).toBe('STAFF_LOGIN_FAILED');
    await expect(served.execute("update audit_event set reason = 'x'")).rejects.toThrow(/permission denied/);
    await expect(served.execute('truncate audit_event')).rejects.toThrow(/permission denied/);
  });

  it('may read and write the COE tables (coe, coe_event, coe_serial and its identity sequence) and the outbox’s new columns', async () => {
    const served = app.deps.orm.em.fork();
    const [row] = await served.execute<Record<string, boolean>[]>(
      `select ${['coe', 'coe_event', 'coe_serial'].map((t) => `has_table_privilege('${t}', 'select, insert, update') as ${t}`).join(', ')},
              has_column_privilege('mail_outbox', 'attachments', 'insert') as outbox,
              has_sequence_privilege(pg_get_serial_sequence('coe_event', 'id'), 'usage') as seq`,
    );
    expect(row).toEqual({ coe: true, coe_event: true, coe_serial: true, outbox: true, seq: true });
    const [{ last_serial }] = await served.execute<{ last_serial: number }[]>(
      `insert into coe_serial (bureau, year, last_serial) values ('TOKYO', 26, 1) on conflict (bureau, year) do update set last_serial = coe_serial.last_serial + 1 returning last_serial`,
    );
    expect(Number(last_serial)).toBeGreaterThan(0);
  });
});
