import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { UnnamedStatementClient } from '../../server/src/db/pooler.js';
import { MailCapture } from '../support/smtp-receiver.js';
import { freePort, startServerProcess, startWorkerProcess, type ServerProcess } from '../support/server-process.js';
import { PgBouncer } from './support/pgbouncer.js';
import { PostgresNode, createProductDatabase } from './support/postgres-cluster.js';
import { postgresTempDir } from './support/processes.js';
import { Recorder, virtualUser } from './support/journey.js';

/**
 * The product through Debian's PgBouncer 1.18 in transaction pooling mode (DATABASE_POOLER=transaction): its named
 * statements sent unnamed, the statement timeout the role's, the mail worker on the session-mode entry
 * (WORKER_DATABASE_URL). A pool of 2 server connections, so that consecutive statements of one client land on
 * different server connections.
 */
let tmp: { dir: string; remove(): void };
let primary: PostgresNode;
let bouncer: PgBouncer;
let smtp: MailCapture;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  tmp = postgresTempDir('ras-pgbouncer-');
  primary = await PostgresNode.primary(tmp.dir, await freePort(), { synchronousStandby: false });
  await createProductDatabase(primary);
  bouncer = new PgBouncer(tmp.dir, await freePort(), primary.port, 2);
  await bouncer.start();
  smtp = await MailCapture.start({ port: 0, maxMails: 10_000 });
});

afterAll(async () => {
  for (const p of processes) await p.stop('SIGKILL');
  await smtp?.stop();
  await bouncer?.stop();
  await primary?.stop('immediate');
  tmp?.remove();
});

function productEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: bouncer.url('portal'),
    // migrations run in transactions (no session state): the transaction-mode entry, whose name is the database's
    // own (MikroORM's migrator looks it up in pg_database)
    MIGRATION_DATABASE_URL: bouncer.url('portal', 'postgres'),
    SMTP_URL: smtp.url,
    MAIL_FROM: 'no-reply@portal.example',
    RATE_LIMIT_MULTIPLIER: '1000',
    ...extra,
  };
}

describe('named statements through a transaction pooler', () => {
  async function namedQueries(Client: typeof pg.Client): Promise<PromiseSettledResult<unknown>[]> {
    const pool = new pg.Pool({ connectionString: bouncer.url('portal'), max: 6, Client });
    try {
      return await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => pool.query({ name: 'probe', text: 'select $1::int as n from pg_sleep(0.01)', values: [i] })),
      );
    } finally {
      await pool.end();
    }
  }

  it('fail with pg’s own Client (another client’s server connection never saw the statement) and pass unnamed', async () => {
    const named = await namedQueries(pg.Client);
    expect(named.some((r) => r.status === 'rejected' && /prepared statement .* (does not exist|already exists)/.test(String(r.reason)))).toBe(true);
    const unnamed = await namedQueries(UnnamedStatementClient);
    expect(unnamed.every((r) => r.status === 'fulfilled')).toBe(true);
  });
});

describe('the product on PgBouncer in transaction mode', () => {
  it('does not start without DATABASE_POOLER=transaction: PgBouncer refuses the statement_timeout start-up parameter', async () => {
    await expect(startServerProcess(productEnv({ DATABASE_URL: bouncer.url('portal'), MIGRATION_DATABASE_URL: '' }), ['--role=server'])).rejects.toThrow(
      /statement_timeout/,
    );
  });

  it('warns at start-up when the role has no statement timeout (it cannot be set per connection behind the pooler)', async () => {
    // `postgres` has none; `portal_app` has the role's 10 s (createProductDatabase), checked in the next test
    const server = await startServerProcess(productEnv({ DATABASE_URL: bouncer.url('portal', 'postgres'), DATABASE_POOLER: 'transaction' }), ['--role=server']);
    processes.push(server);
    expect(server.output()).toMatch(/the database role has no statement_timeout/);
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('registers, mails, sets passwords, logs in and answers me for concurrent users (worker on the session-mode entry)', async () => {
    const server = await startServerProcess(productEnv({ DATABASE_POOLER: 'transaction' }), ['--role=server']);
    processes.push(server);
    const worker = await startWorkerProcess(productEnv({ DATABASE_POOLER: 'transaction', WORKER_DATABASE_URL: bouncer.url('portal_session') }));
    processes.push(worker);
    // the role's statement timeout applies on the pooled connections (the product cannot set it itself there)
    expect(server.output()).not.toMatch(/no statement_timeout/);

    const rec = new Recorder();
    const until = Date.now() + 15_000;
    await Promise.all(Array.from({ length: 6 }, (_, vu) => virtualUser(server.url, smtp, rec, vu, () => Date.now() > until)));

    const byOp = (op: string) => rec.outcomes.filter((o) => o.op === op);
    expect(rec.outcomes.filter((o) => o.result !== 'ok')).toEqual([]);
    if (rec.mailWaitTimeouts.length) {
      const jobs = await primary.query('select task_identifier, attempts, last_error, locked_by, locked_at, run_at from graphile_worker.jobs');
      const unsent = await primary.query('select id, recipient, created_at, attempts, last_error from mail_outbox where sent_at is null');
      console.log({ jobs, unsent, worker: worker.output().slice(-3000) });
    }
    expect(rec.mailWaitTimeouts).toEqual([]);
    for (const op of ['register', 'setPassword', 'login', 'me']) expect(byOp(op).length).toBeGreaterThan(0);
    // every registration's mail and every password-set mail arrived once
    const outbox = await primary.query<{ id: string }>('select id from mail_outbox');
    const messageIds = smtp.mails().map((m) => m.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
    expect(outbox.length).toBeGreaterThanOrEqual(rec.accepted.size);
    await expect.poll(() => smtp.mails().length, { timeout: 15_000 }).toBe(outbox.length);

    // the server's connections went through PgBouncer's transaction pool, the worker's through the session pool
    const pools = await bouncer.admin('SHOW POOLS');
    expect(pools.find((p) => p.database === 'portal' && p.user === 'portal_app')?.pool_mode).toBe('transaction');
    expect(pools.find((p) => p.database === 'portal_session' && p.user === 'portal_app')?.pool_mode).toBe('session');
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(await worker.stop('SIGTERM')).toBe(0);
  });
});
