import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../server/src/modules/audit/audit-trail.js';
import { checkAuditChain } from '../../../server/src/modules/audit/audit-chain.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * staff.md "Audit trail": the triggers refuse UPDATE, DELETE and TRUNCATE "even for the owner role". The other tests
 * show it for the application role (privileges) and for a superuser owner (audit-trail.test.ts); here the owner is an
 * ordinary role, as a deployment's MIGRATION_DATABASE_URL role is. It cannot switch the triggers off through
 * session_replication_role (superusers only); it can ALTER TABLE … DISABLE TRIGGER on its own table — which is why
 * the chain and the daily anchor exist: the verifier names what it changed.
 */
const ownerRole = `ras_portal_owner_${process.pid}`;
let server: TestServer;
let ownerUrl: string;

async function asOwner(sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
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
  for (let i = 1; i <= 3; i++) {
    await server.app.deps.orm.em.fork().transactional((em) => appendAuditEvent(em, { action: 'NOTICE_SAVED', target: String(i) }, new Date()));
  }
  await server.db.query(`drop role if exists ${ownerRole}`);
  await server.db.query(`create role ${ownerRole} login nosuperuser`);
  await server.db.query(`alter table audit_event owner to ${ownerRole}`);
  await server.db.query(`alter table audit_head owner to ${ownerRole}`);
  const url = new URL(server.app.databaseUrl);
  url.username = ownerRole;
  url.password = '';
  ownerUrl = url.toString();
});
afterAll(async () => {
  await server?.db.query('alter table audit_event owner to postgres').catch(() => {});
  await server?.db.query('alter table audit_head owner to postgres').catch(() => {});
  await server?.stop();
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect().then(() => admin.query(`drop role if exists ${ownerRole}`)).catch(() => {}).finally(() => admin.end());
});

describe('a non-superuser owner of the audit tables', () => {
  it('is refused UPDATE, DELETE and TRUNCATE by the triggers, and cannot set session_replication_role', async () => {
    expect((await server.db.query('select tableowner from pg_tables where tablename = $1', ['audit_event'])).rows[0].tableowner).toBe(ownerRole);
    expect(await asOwner("update audit_event set reason = 'x' where seq = 1")).toMatch(/append-only: UPDATE refused/);
    expect(await asOwner('delete from audit_event where seq = 1')).toMatch(/append-only: DELETE refused/);
    expect(await asOwner('truncate audit_event')).toMatch(/append-only: TRUNCATE refused/);
    expect(await asOwner('delete from audit_head')).toMatch(/only moves forward/);
    expect(await asOwner('set session_replication_role = replica')).toMatch(/permission denied/);
    expect((await checkAuditChain(server.app.deps.orm.em)).ok).toBe(true);
  });

  it('what it changes by disabling the triggers on its table, the verifier names', async () => {
    expect(await asOwner("alter table audit_event disable trigger user; update audit_event set target = '9' where seq = 2; alter table audit_event enable trigger user")).toBe('ok');
    expect(await checkAuditChain(server.app.deps.orm.em)).toEqual({ ok: false, checkedEvents: 1, firstBrokenSeq: 2 });
  });
});
