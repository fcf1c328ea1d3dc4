import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, type AuditEventInput } from '../../../server/src/modules/audit/audit-trail.js';
import { auditEvents, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * staff.md "Audit trail", the reads: auditEvents (AUDITOR, SUPERVISOR; filters, newest first, cursor pages of ≤ 100,
 * each read recorded as AUDIT_EVENTS_READ), auditChainStatus (AUDITOR) and auditEventsCsv (the CSV file, recorded as
 * AUDIT_EXPORTED).
 */
const EVENTS = /* GraphQL */ `
  query E($filter: AuditFilter!, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges { cursor node { seq at staffId staffName bureau action target reason receptionNumber requestId ip details prevHash hash } }
      pageInfo { hasNextPage endCursor }
      nodes { seq }
    }
  }`;
const CSV = /* GraphQL */ `query C($filter: AuditFilter!) { auditEventsCsv(filter: $filter) }`;
const STATUS = /* GraphQL */ `query { auditChainStatus { ok checkedEvents firstBrokenSeq } }`;

let server: TestServer;
let auditor: { id: string; token: string };
let supervisor: { id: string; token: string };

async function member(roles: ('AUDITOR' | 'SUPERVISOR')[]) {
  const m = await enrolledStaff(server, { roles, bureau: 'FUKUOKA' });
  return { id: m.id, token: await staffLoginToken(server, m) };
}

/** Appends an event as a service would, at a given time. */
async function append(event: Partial<AuditEventInput>, at: string) {
  return server.app.deps.orm.em.fork().transactional((em) => appendAuditEvent(em, { action: 'NOTICE_SAVED', ...event } as AuditEventInput, new Date(at)));
}

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-04-01T00:00:00Z') });
  auditor = await member(['AUDITOR']);
  supervisor = await member(['SUPERVISOR']);
  // the time-range fixture: events of one target on both sides of the Japanese day 2026-03-10
  await append({ target: 'range', reason: 'before' }, '2026-03-09T14:59:59.999Z'); // 03-09 23:59:59.999 in Japan
  await append({ target: 'range', reason: 'first' }, '2026-03-09T15:00:00.000Z'); // 03-10 00:00 in Japan
  await append({ target: 'range', reason: 'last' }, '2026-03-10T14:59:59.999Z'); // 03-10 23:59:59.999 in Japan
  await append({ target: 'range', reason: 'after' }, '2026-03-10T15:00:00.000Z');
});
afterAll(async () => server?.stop());

const read = (token: string, filter: Record<string, unknown>, first?: number, after?: string, lang?: string) =>
  server.staffGql(EVENTS, { filter, first, after }, { token, lang });
const reasons = (res: Awaited<ReturnType<typeof read>>) => res.data.auditEvents.edges.map((e: { node: { reason: string } }) => e.node.reason);

describe('auditEvents', () => {
  it('filters by time (a date as `to` is the whole day in Japan), newest first', async () => {
    expect(reasons(await read(auditor.token, { target: 'range' }))).toEqual(['after', 'last', 'first', 'before']);
    expect(reasons(await read(auditor.token, { target: 'range', from: '2026-03-10', to: '2026-03-10' }))).toEqual(['last', 'first']);
    expect(reasons(await read(auditor.token, { target: 'range', from: '2026-03-10T00:00:00+09:00', to: '2026-03-10T23:59:59.999' }))).toEqual(['first']);
    expect(reasons(await read(auditor.token, { target: 'range', to: '2026-03-09T15:00:00Z' }))).toEqual(['before']);
  });

  it('filters by staff id, action, target and request id; shows the event as stored, with the staff name', async () => {
    // the supervisor's own login is in the trail with their id and bureau
    const mine = await read(auditor.token, { staffId: supervisor.id.toUpperCase(), action: 'staff_login_succeeded' });
    expect(mine.data.auditEvents.edges).toHaveLength(1);
    const node = mine.data.auditEvents.edges[0].node;
    expect(node).toMatchObject({ staffId: supervisor.id, staffName: '法務 花子', bureau: 'FUKUOKA', action: 'STAFF_LOGIN_SUCCEEDED', target: supervisor.id });
    expect(JSON.parse(node.details)).toEqual({ method: 'TOTP' });
    expect(node.hash).toMatch(/^[0-9a-f]{64}$/);
    const byRequest = await read(auditor.token, { requestId: node.requestId });
    expect(byRequest.data.auditEvents.edges.map((e: { node: { seq: number } }) => e.node.seq)).toContain(node.seq);
    const stored = (await auditEvents(server)).find((e) => Number(e.seq) === node.seq)!;
    expect(stored).toMatchObject({ staff_id: supervisor.id, request_id: node.requestId, ip: node.ip });
  });

  it('pages by cursor (the seq), first ≤ 100, without overlap or gap', async () => {
    for (let i = 0; i < 5; i++) await append({ target: 'paged', reason: `p${i}` }, '2026-03-20T00:00:00Z');
    const one = await read(supervisor.token, { target: 'paged' }, 2);
    expect(reasons(one)).toEqual(['p4', 'p3']);
    expect(one.data.auditEvents.pageInfo).toEqual({ hasNextPage: true, endCursor: String(one.data.auditEvents.edges[1].node.seq) });
    // nodes: the edges' nodes, as every staff connection has them
    expect(one.data.auditEvents.nodes.map((n: { seq: number }) => n.seq)).toEqual(one.data.auditEvents.edges.map((e: { node: { seq: number } }) => e.node.seq));
    const two = await read(supervisor.token, { target: 'paged' }, 2, one.data.auditEvents.pageInfo.endCursor);
    expect(reasons(two)).toEqual(['p2', 'p1']);
    const three = await read(supervisor.token, { target: 'paged' }, 2, two.data.auditEvents.pageInfo.endCursor);
    expect(reasons(three)).toEqual(['p0']);
    expect(three.data.auditEvents.pageInfo.hasNextPage).toBe(false);
    expect((await read(supervisor.token, { target: 'paged' }, 100)).data.auditEvents.edges).toHaveLength(5);
  });

  it('a bad filter or page: BAD_REQUEST with every field error (ja/en), nothing read, nothing recorded', async () => {
    const before = (await auditEvents(server)).length;
    const res = await read(auditor.token, { from: '2026-02-30', staffId: 'nobody', action: 'DROP_TABLE', target: 'x'.repeat(101) }, 101, 'abc');
    expect(res.data?.auditEvents ?? null).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_REQUEST', reason: 'WZBAM005E' });
    expect(res.errors?.[0].extensions?.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['from', 'staffId', 'action', 'target', 'first', 'after']);
    expect(res.errors?.[0].extensions?.fieldErrors[0].message).toBe('期間（開始）の入力内容に誤りがあります。再度入力してください。');
    const range = await read(auditor.token, { from: '2026-03-10', to: '2026-03-09' }, undefined, undefined, 'en');
    expect(range.errors?.[0].extensions?.fieldErrors).toEqual([
      expect.objectContaining({ field: 'to', code: 'AUDIT_RANGE_INVALID', message: 'The end of the period must be after the start of the period.' }),
    ]);
    expect((await read(auditor.token, {}, 0)).errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect((await auditEvents(server)).length).toBe(before);
  });

  it('each read is recorded (AUDIT_EVENTS_READ: who, the filter, the page), after what it shows', async () => {
    const res = await read(auditor.token, { target: 'range', from: '2026-03-10' }, 1);
    const shown = res.data.auditEvents.edges[0].node.seq;
    const [last] = (await auditEvents(server)).slice(-1);
    expect(last).toMatchObject({
      action: 'AUDIT_EVENTS_READ',
      staff_id: auditor.id,
      bureau: 'FUKUOKA',
      details: { filter: { target: 'range', from: '2026-03-09T15:00:00.000Z', to: null, staffId: null, action: null, requestId: null }, first: 1, after: null, shown: 1, seqs: [shown, shown] },
    });
    expect(Number(last.seq)).toBeGreaterThan(shown);
  });

  it('AUDITOR and SUPERVISOR only', async () => {
    const clerk = await enrolledStaff(server, { roles: ['COUNTER_CLERK', 'NOTICE_EDITOR', 'STAFF_ADMIN'] });
    const token = await staffLoginToken(server, clerk);
    for (const q of [EVENTS, CSV, STATUS]) {
      expect((await server.staffGql(q, { filter: {} }, { token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await server.staffGql(STATUS, {}, { token: supervisor.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('auditChainStatus', () => {
  it('walks the chain: ok with every event checked, and the check itself is recorded', async () => {
    const head = Number((await server.db.query('select seq from audit_head')).rows[0].seq);
    const res = await server.staffGql(STATUS, {}, { token: auditor.token });
    expect(res.data.auditChainStatus).toEqual({ ok: true, checkedEvents: head, firstBrokenSeq: null });
    const [last] = (await auditEvents(server)).slice(-1);
    expect(last).toMatchObject({ action: 'AUDIT_CHAIN_CHECKED', staff_id: auditor.id, details: { ok: true, checkedEvents: head, firstBrokenSeq: null } });
  });
});

/** RFC 4180 rows of a CSV text (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) throw new Error('the CSV does not end with CRLF');
  return rows;
}

describe('auditEventsCsv', () => {
  it('the file: BOM, header, CRLF, oldest first, Japan time, quoted and formula-safe; recorded as AUDIT_EXPORTED', async () => {
    await append({ target: 'csv', reason: '=HYPERLINK("http://evil.example","click")', receptionNumber: '+81-3', details: { note: 'a,b\r\nc "d"' } }, '2026-03-25T03:00:00Z');
    await append({ target: 'csv', reason: '@SUM(A1)\r\nsecond line', staffId: supervisor.id, bureau: 'FUKUOKA' }, '2026-03-25T04:00:00Z');
    const res = await server.staffGql(CSV, { filter: { target: 'csv' } }, { token: supervisor.token });
    const text: string = res.data.auditEventsCsv;
    expect(text.startsWith('\uFEFFseq,at,staff_id,bureau,action,target,reason,reception_number,request_id,ip,details,prev_hash,hash\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(3);
    const [, first, second] = rows;
    expect(first.slice(1, 8)).toEqual(['2026-03-25T12:00:00.000+09:00', '', '', 'NOTICE_SAVED', 'csv', `'=HYPERLINK("http://evil.example","click")`, `'+81-3`]);
    expect(JSON.parse(first[10])).toEqual({ note: 'a,b\r\nc "d"' });
    expect(second.slice(1, 7)).toEqual(['2026-03-25T13:00:00.000+09:00', supervisor.id, 'FUKUOKA', 'NOTICE_SAVED', 'csv', `'@SUM(A1)\r\nsecond line`]); // a line break inside a quoted cell
    expect(second[11]).toBe(first[12]); // prev_hash of the second = hash of the first
    expect(Number(second[0])).toBe(Number(first[0]) + 1);

    const [last] = (await auditEvents(server)).slice(-1);
    expect(last).toMatchObject({ action: 'AUDIT_EXPORTED', staff_id: supervisor.id, details: { events: 2, via: 'api', filter: { target: 'csv' } } });
    const bad = await server.staffGql(CSV, { filter: { to: 'yesterday' } }, { token: supervisor.token });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [expect.objectContaining({ field: 'to', code: 'WZBAM005E' })] });
  });
});

describe('auditEventsCsv, too large', () => {
  it('more than 100,000 matching events: BAD_REQUEST AUDIT_EXPORT_TOO_LARGE (ja/en), nothing recorded', async () => {
    // rows outside the chain (seq far beyond the head), inserted directly: only the count matters here
    await server.db.query(
      `insert into audit_event (seq, at, action, target, details, prev_hash, hash)
       select 900000000 + g, '2026-01-01T00:00:00Z', 'NOTICE_SAVED', 'bulk', '{}', repeat('0', 64), repeat('0', 64)
       from generate_series(1, 100001) g`,
    );
    const before = Number((await server.db.query('select seq from audit_head')).rows[0].seq);
    const res = await server.staffGql(CSV, { filter: { target: 'bulk' } }, { token: auditor.token, lang: 'en' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_REQUEST', reason: 'AUDIT_EXPORT_TOO_LARGE' });
    expect(res.errors?.[0].message).toBe('Too many records match to download at once. Narrow the filter, for example to a shorter period.');
    expect(Number((await server.db.query('select seq from audit_head')).rows[0].seq)).toBe(before);
  });
});
