import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_CRONTAB, AUDIT_ANCHOR_TASK, sendAuditAnchor } from '../../../server/src/modules/audit/audit-anchor.js';
import { checkAuditChain } from '../../../server/src/modules/audit/audit-chain.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import { auditEvents, enrolledStaff } from '../../support/staff-helpers.js';
import { mailHalves, outboxFor, waitUntil } from '../../support/mail-helpers.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * staff.md "Audit trail": with AUDIT_ANCHOR_EMAIL set, a daily job mails the chain's last seq and hash (and the time)
 * through the outbox, and records that (AUDIT_ANCHOR_SENT) in the same transaction. Called directly with the manual
 * clock, then in the real worker over SMTP.
 */
const ANCHOR = 'audit-anchor@immi.example.go.jp';

describe('the anchor job', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { AUDIT_ANCHOR_EMAIL: ANCHOR }, now: new Date('2026-04-01T15:05:00Z') });
    await enrolledStaff(server, { roles: ['AUDITOR'] }); // some events: the enrolment
  });
  afterAll(async () => server?.stop());
  const deps = () => ({ orm: server.app.deps.orm, config: server.config, clock: server.clock, log: createLogger('silent') });

  it('mails the head (seq, hash, its time) to AUDIT_ANCHOR_EMAIL, ja then en, and records it as the next event', async () => {
    const head = (await server.db.query('select seq, hash from audit_head')).rows[0];
    const last = (await server.db.query('select at from audit_event where seq = $1', [head.seq])).rows[0];
    const now = server.clock.now().toISOString();
    const sent = await sendAuditAnchor(deps());
    expect(sent).toEqual({ seq: Number(head.seq), hash: head.hash, eventSeq: Number(head.seq) + 1 });

    const [mail] = await outboxFor(server.db, ANCHOR);
    expect(mail).toMatchObject({ kind: 'AUDIT_ANCHOR', user_id: null, subject: '【在留申請オンラインシステム】監査証跡の日次アンカー / Daily audit anchor' });
    const { ja, en } = mailHalves(mail.body);
    for (const half of [ja, en]) {
      expect(half).toContain(`seq: ${head.seq}\nhash: ${head.hash}\nat: ${now}`);
    }
    const tokyo = new Date(last.at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace(/-/g, '/').replace('T', ' ');
    expect(ja).toContain(`監査証跡の最新の記録は seq ${head.seq}（${tokyo}（日本時間））`);
    expect(en).toContain(`The latest audit event is seq ${head.seq} (${tokyo} (Japan time))`);

    const [event] = (await auditEvents(server, 'AUDIT_ANCHOR_SENT')).slice(-1);
    expect(event).toMatchObject({ seq: String(Number(head.seq) + 1), staff_id: null, details: { anchoredSeq: Number(head.seq), anchoredHash: head.hash, to: ANCHOR } });
    // and its sending job is queued with it
    const jobs = await server.db.query('select 1 from graphile_worker.jobs where key = $1', [`mail:${mail.id}`]);
    expect(jobs.rowCount).toBe(1);
    expect((await checkAuditChain(server.app.deps.orm.em)).ok).toBe(true);
  });

  it('the next day anchors the previous anchor event too; without AUDIT_ANCHOR_EMAIL nothing happens', async () => {
    server.clock.advance(86_400);
    const previous = (await auditEvents(server, 'AUDIT_ANCHOR_SENT')).at(-1)!;
    const sent = await sendAuditAnchor(deps());
    expect(sent?.seq).toBe(Number(previous.seq));
    expect(await outboxFor(server.db, ANCHOR)).toHaveLength(2);

    const before = (await auditEvents(server)).length;
    expect(await sendAuditAnchor({ ...deps(), config: { ...server.config, auditAnchorEmail: undefined } })).toBeNull();
    expect((await auditEvents(server)).length).toBe(before);
    expect(await outboxFor(server.db, ANCHOR)).toHaveLength(2);
  });

  it('runs daily at 00:05 Japan time (15:05 UTC), once per tick across workers', () => {
    expect(AUDIT_ANCHOR_CRONTAB).toBe(`5 15 * * * ${AUDIT_ANCHOR_TASK} ?max=5&jobKey=${AUDIT_ANCHOR_TASK}`);
  });
});

describe('in the real worker', () => {
  let capture: MailCapture;
  let live: TestServer;
  beforeAll(async () => {
    capture = await MailCapture.start({ port: 0 });
    live = await startTestServer({ worker: true, env: { SMTP_URL: capture.url, AUDIT_ANCHOR_EMAIL: ANCHOR } });
  });
  afterAll(async () => {
    await live?.stop();
    await capture?.stop();
  });

  it('the crontab entry is registered when AUDIT_ANCHOR_EMAIL is set, and the task mails the anchor over SMTP', async () => {
    await waitUntil(
      async () => (await live.db.query('select identifier from graphile_worker._private_known_crontabs')).rows.map((r) => r.identifier),
      (ids) => ids.includes(AUDIT_ANCHOR_TASK),
      { what: 'the anchor crontab known to graphile-worker' },
    );
    const head = (await live.db.query('select seq, hash from audit_head')).rows[0];
    await live.db.query('select graphile_worker.add_job($1)', [AUDIT_ANCHOR_TASK]);
    const mail = await capture.waitFor((m) => m.to.includes(ANCHOR) && m.subject.includes('Daily audit anchor'), 30_000);
    expect(mail.text).toContain(`seq: ${head.seq}\nhash: ${head.hash}`);
    expect((await auditEvents(live, 'AUDIT_ANCHOR_SENT')).at(-1)?.details).toMatchObject({ anchoredSeq: Number(head.seq), anchoredHash: head.hash });
  });
});
