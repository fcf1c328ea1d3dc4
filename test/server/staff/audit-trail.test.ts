import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProductOrm } from '../../../server/src/composition.js';
import { APP_ROLE } from '../../../server/src/db/app-role.js';
import { verifyAuditChain } from '../../../server/src/modules/audit/audit-chain.js';
import { GENESIS_HASH, appendAuditEvent, auditHash } from '../../../server/src/modules/audit/audit-trail.js';
import { canonicalJson } from '../../../server/src/modules/audit/canonical-json.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * staff.md "Audit trail": one event per operation in the transaction of its change, a gap-free seq, a SHA-256 chain,
 * append-only in the database (triggers + privileges, from a migration), and a verifier that names the first broken seq.
 */
let server: TestServer;
let appRoleUrl: string;
const loginRole = `ras_portal_app_test_${process.pid}`;

const event = (n: number) => ({ action: 'STAFF_LOGOUT' as const, target: `t${n}`, ip: '192.0.2.1', details: { n, after: { roles: ['AUDITOR'] } } });

async function append(orm: MikroORM, n: number, at = new Date('2026-04-01T00:00:00.123Z')) {
  return orm.em.fork().transactional((em) => appendAuditEvent(em, event(n), at));
}

/** Runs one statement on its own connection as `url`'s role; resolves with the error's message, or 'ok'. */
async function tryAs(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  // a deployment's login role: a member of the application role, nothing else (docs/operations.md)
  await server.db.query(`drop role if exists ${loginRole}`);
  await server.db.query(`create role ${loginRole} login in role ${APP_ROLE}`);
  const url = new URL(server.app.databaseUrl);
  url.username = loginRole;
  url.password = '';
  appRoleUrl = url.toString();
});
afterAll(async () => {
  await server?.db.query(`drop owned by ${loginRole}`).catch(() => {});
  await server?.db.query(`drop role if exists ${loginRole}`).catch(() => {});
  await server?.stop();
});

describe('appending', () => {
  it('numbers events without gaps under concurrent writers, chains their hashes, and a rolled-back writer leaves nothing', async () => {
    const orm = server.app.deps.orm;
    const before = Number((await server.db.query('select seq from audit_head')).rows[0].seq);
    await expect(
      orm.em.fork().transactional(async (em) => {
        await appendAuditEvent(em, event(-1), new Date());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await Promise.all(Array.from({ length: 24 }, (_, i) => append(orm, i)));
    const { rows } = await server.db.query('select seq, prev_hash, hash from audit_event where seq > $1 order by seq', [before]);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 24 }, (_, i) => before + i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await verifyAuditChain(orm.em.fork())).toEqual({ ok: true, checkedEvents: before + 24, firstBrokenSeq: null });
  });

  it('refuses to append outside a transaction (no event without its change)', async () => {
    await expect(appendAuditEvent(server.app.deps.orm.em.fork(), event(0), new Date())).rejects.toThrow(/inside the transaction/);
  });

  it('hashes the canonical JSON of the event, prevHash included (SHA-256, keys sorted, no white space)', async () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: undefined, y: 'é' } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":"é"}}');
    const { rows } = await server.db.query('select * from audit_event where seq = 1');
    const row = rows[0];
    const record = {
      seq: 1, at: row.at, staffId: row.staff_id, bureau: row.bureau, action: row.action, target: row.target, reason: row.reason,
      receptionNumber: row.reception_number, requestId: row.request_id, ip: row.ip, details: row.details, prevHash: row.prev_hash,
    };
    expect(row.prev_hash).toBe(GENESIS_HASH);
    expect(auditHash(record)).toBe(row.hash);
    expect(auditHash({ ...record, prevHash: '1'.repeat(64) })).not.toBe(row.hash);
  });
});

describe('append-only in the database', () => {
  it('the application role may SELECT and INSERT (append) but not UPDATE, DELETE or TRUNCATE', async () => {
    const orm = await openProductOrm(appRoleUrl, 1);
    try {
      const appended = await append(orm, 1000);
      expect(appended.seq).toBeGreaterThan(0);
      expect(Number((await orm.em.fork().execute('select count(*) as n from audit_event'))[0].n)).toBeGreaterThan(0);
    } finally {
      await orm.close(true);
    }
    expect(await tryAs(appRoleUrl, "update audit_event set reason = 'x' where seq = 1")).toMatch(/permission denied for table audit_event/);
    expect(await tryAs(appRoleUrl, 'delete from audit_event where seq = 1')).toMatch(/permission denied for table audit_event/);
    expect(await tryAs(appRoleUrl, 'truncate audit_event')).toMatch(/permission denied for table audit_event/);
    // nor restart the chain through its head
    expect(await tryAs(appRoleUrl, 'delete from audit_head')).toMatch(/permission denied for table audit_head/);
  });

  it('the owner (here a superuser) is refused UPDATE, DELETE and TRUNCATE by the triggers', async () => {
    const ownerUrl = server.app.databaseUrl;
    expect(await tryAs(ownerUrl, "update audit_event set reason = 'x' where seq = 1")).toMatch(/append-only: UPDATE refused/);
    expect(await tryAs(ownerUrl, 'delete from audit_event where seq = 1')).toMatch(/append-only: DELETE refused/);
    expect(await tryAs(ownerUrl, 'truncate audit_event')).toMatch(/append-only: TRUNCATE refused/);
    expect(await tryAs(ownerUrl, 'update audit_head set seq = seq - 1')).toMatch(/only moves forward/);
    expect(await tryAs(ownerUrl, 'delete from audit_head')).toMatch(/only moves forward/);
    expect((await verifyAuditChain(server.app.deps.orm.em.fork())).ok).toBe(true);
  });
});

describe('the chain verifier', () => {
  /** Changes rows as a superuser with the triggers off (session_replication_role = replica). */
  const tamper = (sql: string) => tryAs(server.app.databaseUrl, `set session_replication_role = replica; ${sql}`);

  it('reports the exact seq of a row altered behind the triggers, then of rows cut off at the end', async () => {
    const em = () => server.app.deps.orm.em.fork();
    const { checkedEvents } = await verifyAuditChain(em());
    expect(checkedEvents).toBeGreaterThan(10);
    expect(await tamper(`update audit_event set details = '{"n": 7, "after": {"roles": ["STAFF_ADMIN"]}}' where seq = 7`)).toBe('ok');
    expect(await verifyAuditChain(em())).toEqual({ ok: false, checkedEvents: 6, firstBrokenSeq: 7 });

    // rewriting the hash too does not help: the next event's prevHash no longer matches
    const { rows } = await server.db.query('select * from audit_event where seq = 7');
    const row = rows[0];
    const rehashed = auditHash({
      seq: 7, at: row.at, staffId: row.staff_id, bureau: row.bureau, action: row.action, target: row.target, reason: row.reason,
      receptionNumber: row.reception_number, requestId: row.request_id, ip: row.ip, details: row.details, prevHash: row.prev_hash,
    });
    expect(await tamper(`update audit_event set hash = '${rehashed}' where seq = 7`)).toBe('ok');
    expect(await verifyAuditChain(em())).toMatchObject({ ok: false, firstBrokenSeq: 8 });
  });

  it('reports a deleted event in the middle and a cut-off tail', async () => {
    const server2 = await startTestServer();
    try {
      for (let i = 1; i <= 5; i++) await append(server2.app.deps.orm, i);
      const run = (sql: string) => tryAs(server2.app.databaseUrl, `set session_replication_role = replica; ${sql}`);
      expect(await run('delete from audit_event where seq = 5')).toBe('ok');
      expect(await verifyAuditChain(server2.app.deps.orm.em.fork())).toEqual({ ok: false, checkedEvents: 4, firstBrokenSeq: 5 });
      expect(await run('delete from audit_event where seq = 3')).toBe('ok');
      expect(await verifyAuditChain(server2.app.deps.orm.em.fork())).toEqual({ ok: false, checkedEvents: 2, firstBrokenSeq: 3 });
    } finally {
      await server2.stop();
    }
  });
});
