import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Runner } from 'graphile-worker';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { testPool } from '../../support/test-database.js';
import { REGISTER, VALID_REGISTRATION, uniqueEmail } from '../../support/fixtures.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import { startMailWorker } from '../../../server/src/modules/mail/mail-worker.js';
import { outboxSweepTask } from '../../../server/src/modules/mail/outbox-sweep.js';
import { createTransport } from '../../../server/src/modules/mail/transport.js';
import pg from 'pg';

/**
 * security.md 28, "worker killed mid-send → no loss": a job locked by a worker that died stays locked for hours in
 * graphile-worker; the outbox sweep re-queues the mail and a live worker sends it, once.
 */
let server: TestServer;
let capture: MailCapture;
let pool: pg.Pool;
let worker: Runner | undefined;

beforeAll(async () => {
  capture = await MailCapture.start({ port: 0 });
  server = await startTestServer({ env: { SMTP_URL: capture.url } }); // no worker of its own
  pool = testPool(server.app.databaseUrl!, 3);
});
afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await server?.stop();
  await capture?.stop();
});

it('re-queues a mail whose job a dead worker holds, and it is delivered exactly once', async () => {
  const email = uniqueEmail();
  const res = await server.gql(REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
  expect(res.data.register.__typename).toBe('RegistrationAccepted');
  // As if a worker had picked the job up and then been killed (SIGKILL: no chance to release it).
  const locked = await pool.query(
    "update graphile_worker._private_jobs set locked_at = now(), locked_by = 'killed-worker' where task_id = (select id from graphile_worker._private_tasks where identifier = 'send_mail') returning id",
  );
  expect(locked.rowCount).toBe(1);

  const log = createLogger('silent');
  const deps = { pool, transport: createTransport(capture.url), from: 'no-reply@example.jp', clock: server.clock, log, orm: server.app.deps.orm, config: server.config };
  worker = await startMailWorker(deps);
  await new Promise((r) => setTimeout(r, 2500));
  expect(capture.mails().filter((m) => m.to.includes(email))).toHaveLength(0); // stuck behind the dead worker's lock

  server.clock.advance(11 * 60); // the sweep's "stuck" threshold is 10 minutes after the mail was written
  await outboxSweepTask({ pool, clock: server.clock, log, config: server.config })({}, {} as never);
  await capture.waitFor((m) => m.to.includes(email), 20_000);
  await new Promise((r) => setTimeout(r, 1500));
  expect(capture.mails().filter((m) => m.to.includes(email))).toHaveLength(1);
  const { rows } = await pool.query('select sent_at from mail_outbox where recipient = $1', [email]);
  expect(rows[0].sent_at).not.toBeNull();

  // A second sweep after delivery sends nothing more.
  server.clock.advance(11 * 60);
  await outboxSweepTask({ pool, clock: server.clock, log, config: server.config })({}, {} as never);
  await new Promise((r) => setTimeout(r, 2000));
  expect(capture.mails().filter((m) => m.to.includes(email))).toHaveLength(1);
});
