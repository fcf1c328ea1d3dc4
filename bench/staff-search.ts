/**
 * `npm run bench:staff-search`: latency of the staff search (`applicants`, docs/spec/staff.md) per filter at 1,000,000
 * applicant accounts, p50 and p99 over BENCH_SEARCH_RUNS runs each, against a baseline measured in the same run on the
 * same table: a primary-key lookup of one account. Measured first at 1,000 accounts (BENCH_SEARCH_SMALL), then with the
 * table grown to BENCH_SEARCH_ROWS, so issue 21's rule — no figure more than 20 % worse at 1,000,000 than at 1,000 —
 * can be read per filter (the p50 at the large size over the p50 at the small one). It runs the SQL the service runs (searchSql), over one connection,
 * so the figures are the database's part of a search (the audit event and GraphQL come on top).
 *
 * Uses a scratch database on TEST_DATABASE_URL's server (else the tests' embedded PostgreSQL), migrated, seeded with
 * INSERT … SELECT generate_series (test/support/applicant-seed.ts), and dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { openProductOrm } from '../server/src/composition.js';
import { migrate } from '../server/src/db/orm.js';
import { searchSql, type ApplicantFilterNormalized, type CursorKey } from '../server/src/modules/applicant-admin/applicant-search.service.js';
import { seedApplicants, seedAuthIdSql } from '../test/support/applicant-seed.js';
import { databaseUrl, testDatabaseServer, withAdmin } from '../test/support/database-server.js';

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000);
const SMALL = Number(process.env.BENCH_SEARCH_SMALL ?? 1000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 200);
const NOW = new Date();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(client: pg.Client, sql: string, params: () => unknown[]): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 10; i++) await client.query(sql, params()); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await client.query(sql, params());
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function numbered(filter: ApplicantFilterNormalized, after: CursorKey | null = null) {
  const { sql, params } = searchSql(filter, after, 21, NOW);
  let n = 0;
  return { sql: sql.replace(/\?/g, () => `$${++n}`), params };
}

type Labelled = [string, { p50: number; p99: number }][];

/** The baseline and every filter at the table's current size (`rows` seeded), each over samples spread over it. */
async function measureAll(client: pg.Client, rows: number): Promise<Labelled> {
  // sample rows spread over the table: each run looks up another one
  const { rows: samples } = await client.query(
    `select id, auth_id, email, name, to_char(birth_date, 'YYYY-MM-DD') as birth_date from user_account
     where auth_id in (${Array.from({ length: 50 }, (_, i) => seedAuthIdSql(1 + Math.floor((i * rows) / 50))).join(', ')})`,
  );
  let k = 0;
  const next = () => samples[k++ % samples.length];

  const out: Labelled = [['baseline: primary-key lookup', await measure(client, 'select id, auth_id, name, email, status from user_account where id = $1', () => [next().id])]];
  const filters: [string, () => ApplicantFilterNormalized][] = [
    ['authId', () => ({ authId: next().auth_id })],
    ['email', () => ({ email: next().email })],
    ['name prefix (first word)', () => ({ namePrefix: next().name.split(' ')[0] })],
    ['name prefix (2 letters)', () => ({ namePrefix: next().name.slice(0, 2) })],
    ['birthDate', () => ({ birthDate: next().birth_date })],
    ['status SUSPENDED', () => ({ status: 'SUSPENDED' })],
    ['status ACTIVE', () => ({ status: 'ACTIVE' })],
    ['locked', () => ({ locked: true })],
    ['no filter (order only)', () => ({})],
  ];
  for (const [label, filter] of filters) {
    let current = numbered(filter());
    out.push([label, await measure(client, current.sql, () => {
      current = numbered(filter());
      return current.params;
    })]);
  }
  return out;
}

async function main(): Promise<void> {
  const server = await testDatabaseServer();
  const name = `bench_staff_search_${randomBytes(4).toString('hex')}`;
  await withAdmin(server.adminUrl, (c) => c.query(`create database ${name}`));
  const url = databaseUrl(server.adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  try {
    const orm = await openProductOrm(url, 2);
    await migrate(orm);
    await orm.close();
    await client.connect();
    await seedApplicants(client, SMALL, NOW);
    const small = await measureAll(client, SMALL);
    const started = Date.now();
    await seedApplicants(client, ROWS, NOW, SMALL + 1);
    console.log(`seeded ${ROWS.toLocaleString('en')} accounts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const large = await measureAll(client, ROWS);

    const s = SMALL.toLocaleString('en');
    const l = ROWS.toLocaleString('en');
    const lines = [
      `| filter | p50 ms, ${s} | p99 ms, ${s} | p50 ms, ${l} | p99 ms, ${l} | p50 / baseline, ${l} | p50, ${l} / ${s} |`,
      `|---|---|---|---|---|---|---|`,
    ];
    const worse: string[] = [];
    for (const [i, [label, atS]] of small.entries()) {
      const atL = large[i][1];
      const growth = atL.p50 / atS.p50;
      if (growth > 1.2) worse.push(label);
      lines.push(`| ${label} | ${atS.p50.toFixed(3)} | ${atS.p99.toFixed(3)} | ${atL.p50.toFixed(3)} | ${atL.p99.toFixed(3)} | ${(atL.p50 / large[0][1].p50).toFixed(1)} | ${growth.toFixed(2)} |`);
    }
    console.log(`\napplicants search at ${s} and ${l} accounts, ${RUNS} runs each (${new Date().toISOString()}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}):\n`);
    console.log(lines.join('\n'));
    console.log(`\nno filter's p50 more than 20 % worse at ${l} than at ${s}: ${worse.length ? `NOT met (${worse.join(', ')})` : 'met'}`);
  } finally {
    await client.end().catch(() => {});
    await withAdmin(server.adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
