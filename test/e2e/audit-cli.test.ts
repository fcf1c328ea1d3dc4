import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../server/src/modules/audit/audit-trail.js';
import { enrolledStaff, staffLoginToken } from '../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * `npm run audit -- verify | export` as real processes (staff.md "Audit trail") on the database of a running server
 * (DATABASE_URL): verify walks the chain and names the first broken seq — the same one auditChainStatus names after a
 * superuser altered a row behind the triggers; export writes the CSV auditEventsCsv returns, byte for byte.
 */
const CLI = ['--require', './server/preload/index.cjs', '--import', 'tsx', 'server/src/cli/audit.ts'];

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const STATUS = /* GraphQL */ `query { auditChainStatus { ok checkedEvents firstBrokenSeq } }`;
const CSV = /* GraphQL */ `query C($filter: AuditFilter!) { auditEventsCsv(filter: $filter) }`;

let server: TestServer;
let env: Record<string, string>;
let token: string;
let dir: string;

/** A superuser's connection (the test database's owner is postgres). */
async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.app.databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  env = { DATABASE_URL: server.app.databaseUrl };
  const auditor = await enrolledStaff(server, { roles: ['AUDITOR'] });
  token = await staffLoginToken(server, auditor);
  // events on two Japanese days of March (the server's own events are of April 1st)
  for (const [i, at] of ['2026-03-01T00:00:00Z', '2026-03-01T14:59:59Z', '2026-03-01T15:00:00Z', '2026-03-02T01:00:00Z'].entries()) {
    await server.app.deps.orm.em.fork().transactional((em) =>
      appendAuditEvent(em, { action: 'NOTICE_SAVED', target: `cli${i}`, reason: i === 1 ? '=1+1, "quoted"\nline' : null, details: { i } }, new Date(at)),
    );
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'ras-portal-audit-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run audit -- export', () => {
  it('writes the CSV of the range to stdout, or to --out, the same bytes as auditEventsCsv', async () => {
    const filter = { from: '2026-03-01', to: '2026-03-01' }; // the whole day in Japan: the first two events
    const api = (await server.staffGql(CSV, { filter }, { token })).data.auditEventsCsv as string;
    expect(api.split('\r\n').filter(Boolean)).toHaveLength(3);

    const stdout = await runCli(['export', '--from', '2026-03-01', '--to', '2026-03-01'], env);
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(stdout.stdout).toBe(api);
    expect(stdout.stderr).toContain('exported 2 events');

    const file = path.join(dir, 'march.csv');
    const out = await runCli(['export', '--from', '2026-03-01T00:00', '--to', '2026-03-03', '--out', file], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('');
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM
    const text = bytes.toString('utf8');
    expect(text.startsWith(api)).toBe(true); // the first day's rows, then the second day's
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
    expect(text).toContain(`"'=1+1, ""quoted""\nline"`);

    const bad = await runCli(['export', '--from', '2026-02-30'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: The start of the period you entered is not valid.');
  });
});

describe('npm run audit -- verify', () => {
  it('ok on an intact chain; after a superuser alters one row with the triggers disabled, the CLI and auditChainStatus name its seq', async () => {
    const ok = await runCli(['verify'], env);
    const head = (await server.db.query('select seq, hash from audit_head')).rows[0];
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`ok: ${head.seq} events checked\n`);
    const anchored = await runCli(['verify', '--anchor', `${head.seq}:${head.hash}`], env);
    expect(anchored.code, anchored.stderr).toBe(0);
    expect(anchored.stdout).toContain(`anchor ok: seq ${head.seq} has the anchored hash`);

    const { rows } = await server.db.query("select seq from audit_event where target = 'cli2'");
    const seq = Number(rows[0].seq);
    await asSuperuser(
      `alter table audit_event disable trigger user;
       update audit_event set reason = 'rewritten' where seq = ${seq};
       alter table audit_event enable trigger user;`,
    );
    const broken = await runCli(['verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(`broken: first broken seq ${seq} (${seq - 1} events intact before it)\n`);
    const api = await server.staffGql(STATUS, {}, { token });
    expect(api.data.auditChainStatus).toEqual({ ok: false, checkedEvents: seq - 1, firstBrokenSeq: seq });
  });

  it('a rewrite of the whole chain from a seq on (hashes recomputed) passes verify, but not the anchor mailed before', async () => {
    // what the daily anchor guards against: fix the chain after the altered row by recomputing every hash from there
    const head = (await server.db.query('select seq, hash from audit_head')).rows[0];
    const anchor = (await server.db.query("select seq, hash from audit_event where target = 'cli3'")).rows[0];
    const { auditHash } = await import('../../server/src/modules/audit/audit-trail.js');
    const events = (await server.db.query('select * from audit_event where seq >= (select min(seq) from audit_event where target = $1) order by seq', ['cli2'])).rows;
    let prev = (await server.db.query('select hash from audit_event where seq = $1', [Number(events[0].seq) - 1])).rows[0].hash;
    const updates: string[] = [];
    for (const e of events) {
      const hash = auditHash({
        seq: Number(e.seq), at: e.at, staffId: e.staff_id, bureau: e.bureau, action: e.action, target: e.target, reason: e.reason,
        receptionNumber: e.reception_number, requestId: e.request_id, ip: e.ip, details: e.details, prevHash: prev,
      });
      updates.push(`update audit_event set prev_hash = '${prev}', hash = '${hash}' where seq = ${e.seq};`);
      prev = hash;
    }
    await asSuperuser(
      `alter table audit_event disable trigger user; alter table audit_head disable trigger user;
       ${updates.join('\n')}
       update audit_head set hash = '${prev}';
       alter table audit_event enable trigger user; alter table audit_head enable trigger user;`,
    );
    expect(Number(head.seq)).toBe(Number(events.at(-1).seq));
    const verify = await runCli(['verify', '--anchor', `${anchor.seq}:${anchor.hash}`], env);
    expect(verify.stdout).toContain(`ok: ${head.seq} events checked`);
    expect(verify.stdout).toContain(`anchor mismatch: seq ${anchor.seq} has hash`);
    expect(verify.code).toBe(1);
  });

  it('bad usage: exit 2 with the usage', async () => {
    for (const args of [['check'], ['verify', '--anchor', '12']]) {
      const res = await runCli(args, env);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain('usage: npm run audit -- verify');
    }
  });
});
