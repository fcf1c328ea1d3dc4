import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrationsList } from '../../migrations/index.js';
import { entities } from '../../server/src/composition.js';
import { LOCK_TIMEOUT_MS } from '../../server/src/db/online-migration.js';
import { migrate, ormConfig } from '../../server/src/db/orm.js';
import { applicantId, copyApplicants, withIndexesRebuilt } from '../support/copy-seed.js';
import { freePort } from '../support/server-process.js';
import { Migration20270101000000_example_name_search } from './support/example-online-migration.js';
import { PostgresNode } from './support/postgres-cluster.js';
import { postgresTempDir } from './support/processes.js';

/**
 * Issue 21: a migration on a table of 1,000,000 rows does not lock it for more than a second. A PostgreSQL 15 of its
 * own, the product's migrations, 1,000,000 applicants written by COPY; then the representative online migration
 * (support/example-online-migration.ts: add a column, backfill it in batches, CREATE INDEX CONCURRENTLY, a check
 * added NOT VALID and validated, SET NOT NULL) through the product's migrator, while a probe connection updates and
 * reads a random account every ~20 ms and records how long each round trip took. A transaction that holds a lock on
 * the table for 1.5 s as the migration starts makes its first step wait: the step gives up after LOCK_TIMEOUT_MS and
 * tries again, so the probe, queued behind the waiting step, never waits for the whole 1.5 s.
 *
 * The bound is a correctness property (a lock held, or waited for, too long), not a speed figure: the probe commits
 * without waiting for its WAL to reach the disk (synchronous_commit off), so what it measures is waiting for locks,
 * not the disk under the backfill's writes. BENCH-like sizes: MIGRATION_LOCKS_ROWS (1,000,000).
 */
const ROWS = Number(process.env.MIGRATION_LOCKS_ROWS ?? 1_000_000);
const PROBE_EVERY_MS = 20;
const BLOCKER_MS = 1500;

let tmp: { dir: string; remove(): void };
let server: PostgresNode;
let url: string;

beforeAll(async () => {
  tmp = postgresTempDir('ras-migration-locks-');
  server = await PostgresNode.primary(tmp.dir, await freePort(), { synchronousStandby: false });
  await server.query('create database portal', [], 'postgres');
  url = server.url('portal');
  const orm = await MikroORM.init(ormConfig(url, entities, 2));
  await migrate(orm);
  await orm.close(true);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  await withIndexesRebuilt(client, 'user_account', ROWS, () => copyApplicants(client, 0, ROWS, new Date()));
  await client.query('vacuum (analyze) user_account');
  await client.end();
  console.log(`seeded ${ROWS.toLocaleString('en')} applicants by COPY in ${((Date.now() - started) / 1000).toFixed(0)} s`);
});

afterAll(async () => {
  await server?.stop('immediate');
  tmp?.remove();
});

/** Updates and reads a random account every PROBE_EVERY_MS until stopped; each round trip's time is recorded. */
function startProbe(client: pg.Client) {
  const waits: number[] = [];
  let running = true;
  const done = (async () => {
    await client.query('set synchronous_commit = off');
    while (running) {
      const id = applicantId(Math.floor(Math.random() * ROWS));
      const start = performance.now();
      await client.query('update user_account set updated_at = now() where id = $1', [id]);
      await client.query('select auth_id, name, status from user_account where id = $1', [id]);
      waits.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
  })();
  return { waits, stop: async () => { running = false; await done; } };
}

it(`applies a migration to ${ROWS.toLocaleString('en')} accounts without holding the table for a second`, async () => {
  const log: string[] = [];
  const base = ormConfig(url, entities, 2, (m) => log.push(m));
  const orm = await MikroORM.init({
    ...base,
    migrations: { ...base.migrations, migrationsList: [...migrationsList, { name: 'Migration20270101000000_example_name_search', class: Migration20270101000000_example_name_search }] },
  });
  const probeClient = new pg.Client({ connectionString: url });
  const blocker = new pg.Client({ connectionString: url });
  await Promise.all([probeClient.connect(), blocker.connect()]);
  const probe = startProbe(probeClient);
  try {
    await new Promise((r) => setTimeout(r, 500)); // the probe's quiet figures first
    // a long transaction that has read the table: ADD COLUMN's lock conflicts with its, and must wait for its end
    await blocker.query('begin');
    await blocker.query('select count(*) from user_account where id = $1', [applicantId(1)]);
    const blocking = new Promise((r) => setTimeout(r, BLOCKER_MS)).then(() => blocker.query('commit'));
    const started = Date.now();
    const applied = await migrate(orm);
    const seconds = (Date.now() - started) / 1000;
    await blocking;
    await new Promise((r) => setTimeout(r, 500));
    await probe.stop();

    expect(applied).toEqual(['Migration20270101000000_example_name_search']);
    const sorted = [...probe.waits].sort((a, b) => a - b);
    const longest = sorted.at(-1)!;
    const p99 = sorted[Math.floor(sorted.length * 0.99)];
    const retries = log.filter((m) => m.includes('lock not granted')).length;
    console.log(
      `migration on ${ROWS.toLocaleString('en')} rows: ${seconds.toFixed(1)} s; probe: ${sorted.length} round trips, median ` +
        `${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, longest ${longest.toFixed(0)} ms; ` +
        `the first step gave up on its lock ${retries} time(s) while the blocker held the table\n${log.filter((m) => m.includes('example_name_search')).join('\n')}`,
    );
    // the probe ran all along (at least one round trip a second), and never waited a second
    expect(sorted.length).toBeGreaterThan(seconds);
    expect(longest).toBeLessThan(1000);
    // lock_timeout did its work: the first step waited for the blocker's lock, gave up and tried again
    expect(retries).toBeGreaterThanOrEqual(1);
    expect(LOCK_TIMEOUT_MS).toBeLessThan(1000);

    // and the migration did what it says
    const [state] = await server.query<{ nulls: string; notnull: boolean; valid: boolean; checks: string }>(
      `select (select count(*) from user_account where name_search is distinct from upper(name)) as nulls,
              (select attnotnull from pg_attribute where attrelid = 'user_account'::regclass and attname = 'name_search') as notnull,
              (select indisvalid from pg_index where indexrelid = 'user_account_name_search_idx'::regclass) as valid,
              (select count(*) from pg_constraint where conname = 'user_account_name_search_present') as checks`,
    );
    expect(state).toEqual({ nulls: '0', notnull: true, valid: true, checks: '0' });
  } finally {
    await probe.stop();
    await Promise.all([probeClient.end(), blocker.end().catch(() => {})]);
    await orm.close(true);
  }
});

it('runs the online migration again as a no-op (every step idempotent)', async () => {
  // as after a deploy killed half-way: the steps find their work done
  const base = ormConfig(url, entities, 2);
  const orm = await MikroORM.init(base);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { OnlineSteps } = await import('../../server/src/db/online-migration.js');
    const migration = new Migration20270101000000_example_name_search(orm.em.getDriver(), orm.config);
    const db = new OnlineSteps(client, () => {});
    await (migration as unknown as { steps(d: typeof db): Promise<void> }).steps(db);
    const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int as n from pg_indexes where indexname = 'user_account_name_search_idx'`)).rows;
    expect(n).toBe(1);
  } finally {
    await client.end();
    await orm.close(true);
  }
});

// The control: the same probe against the anti-pattern, a plain CREATE INDEX (SHARE lock: every write waits for the
// whole build). It shows the probe does see a lock held: its longest wait is the build's whole time (about a second
// on 1,000,000 rows here, 0.9–4.3 s by the machine's load, so the check is against the build's own duration, not a
// fixed second); at small sizes the build is too short to tell.
it.runIf(ROWS >= 1_000_000)('sees a plain CREATE INDEX hold the table for the whole build (the control)', async () => {
  const probeClient = new pg.Client({ connectionString: url });
  const client = new pg.Client({ connectionString: url });
  await Promise.all([probeClient.connect(), client.connect()]);
  const probe = startProbe(probeClient);
  try {
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await client.query('create index user_account_control_idx on user_account (name_search, birth_date)');
    const seconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 200));
    await probe.stop();
    const longest = Math.max(...probe.waits);
    console.log(`plain CREATE INDEX: ${seconds.toFixed(1)} s; the probe's longest wait ${longest.toFixed(0)} ms`);
    expect(seconds).toBeGreaterThan(0.3);
    expect(longest).toBeGreaterThan(seconds * 1000 * 0.7);
  } finally {
    await probe.stop();
    await client.query('drop index if exists user_account_control_idx');
    await Promise.all([probeClient.end(), client.end()]);
  }
});
