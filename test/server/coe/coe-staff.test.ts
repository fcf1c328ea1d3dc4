import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { JobHelpers } from 'graphile-worker';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser } from '../../support/fixtures.js';
import { auditEvents } from '../../support/staff-helpers.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import { mailHalves } from '../../support/mail-helpers.js';
import { hashToken } from '../../../server/src/lib/tokens.js';
import { createLogger } from '../../../server/src/lib/logger.js';
import { sendMailTask } from '../../../server/src/modules/mail/mail-worker.js';
import { formatCoeNumber } from '../../../server/src/modules/coe/coe-number.js';
import {
  COE_QUERY,
  coeInput,
  coeMails,
  coeRow,
  ISSUE_COE,
  issueCoe,
  receiptToken,
  REISSUE_COE,
  RESEND_COE_MAIL,
  REVOKE_COE,
  sendOutboxMail,
  staffToken,
} from './coe-helpers.js';

/**
 * The back office's COE operations (docs/spec/coe.md): issue with every check, the number, the mail through the
 * outbox (both parts, the QR), MAILED only on the SMTP server's acceptance, revocation, reissue, resend, the read with
 * its history — each audited in its transaction.
 */

let server: TestServer;
let capture: MailCapture;
let clerk: { token: string; id: string };
let supervisor: { token: string; id: string };
let applicant: { authId: string; userId: string; email: string };

beforeAll(async () => {
  capture = await MailCapture.start({ port: 0 });
  // 2026-04-01 09:00 in Tokyo
  server = await startTestServer({ now: new Date('2026-04-01T00:00:00Z') });
  clerk = await staffToken(server, ['COUNTER_CLERK']);
  supervisor = await staffToken(server, ['SUPERVISOR'], 'OSAKA');
  applicant = await activeUser(server);
});
afterAll(async () => {
  await server?.stop();
  await capture?.stop();
});

describe('issueCoe', () => {
  it('issues a COE numbered by the clerk’s bureau and year, valid for 3 months, ISSUED, with its mail queued and the audit event', async () => {
    const before = (await auditEvents(server, 'COE_ISSUED')).length;
    const coe = await issueCoe(server, clerk.token, ` ${applicant.authId.toUpperCase()} `);
    expect(coe).toMatchObject({
      state: 'ISSUED',
      authId: applicant.authId,
      name: 'NGUYEN VAN AN',
      nationality: { code: 'VNM', ja: 'ベトナム' },
      birthDate: '1998-07-15',
      sex: 'MALE',
      statusOfResidence: { code: 'ENGINEER_HUMANITIES_INTL', ja: '技術・人文知識・国際業務' },
      organization: 'Kasumigaseki Systems K.K.',
      issuedOn: '2026-04-01',
      expiresOn: '2026-06-30',
      bureau: 'TOKYO',
      receiptRegisteredAt: null,
      revokedAt: null,
      replacedBy: null,
      mailedAt: null,
      verificationCount: 0,
    });
    expect(coe.number).toMatch(/^TK26\d{8}$/);
    expect(coe.verificationUrl).toBe(`http://portal.test/verify#${coe.verificationCode}`);

    const [mail] = await coeMails(server, coe.number);
    expect(mail).toMatchObject({ kind: 'COE_ISSUED', recipient: applicant.email, user_id: applicant.userId, sent_at: null });
    const events = await auditEvents(server, 'COE_ISSUED');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ staff_id: clerk.id, bureau: 'TOKYO', target: coe.number });
    expect(events.at(-1)!.details.after).toMatchObject({ authId: applicant.authId, applicationNumber: expect.any(String), nationality: 'VNM' });
    // the audit trail never holds the receipt token or the code
    expect(JSON.stringify(events.at(-1))).not.toContain(receiptToken(mail.body));
  });

  it('gives consecutive serials per bureau and year, each bureau its own, and distinct numbers to parallel issues', async () => {
    const a = await issueCoe(server, clerk.token, applicant.authId);
    const b = await issueCoe(server, clerk.token, applicant.authId);
    expect(Number(b.number.slice(4, 11))).toBe(Number(a.number.slice(4, 11)) + 1);
    const yokohama = await staffToken(server, ['COUNTER_CLERK'], 'YOKOHAMA');
    expect((await issueCoe(server, yokohama.token, applicant.authId)).number).toBe(formatCoeNumber('YOKOHAMA', 26, 1));
    const parallel = await Promise.all(Array.from({ length: 6 }, () => server.staffGql(ISSUE_COE, { input: coeInput(applicant.authId) }, { token: clerk.token })));
    const numbers = parallel.map((r) => r.data?.issueCoe?.coe?.number);
    expect(numbers.every(Boolean), JSON.stringify(parallel.map((r) => r.data ?? r.errors))).toBe(true);
    expect(new Set(numbers).size).toBe(6);
  });

  it('answers every invalid field at once (InputValidationError), in ja and en', async () => {
    const empty = await server.staffGql(ISSUE_COE, { input: {} }, { token: clerk.token });
    expect(empty.data.issueCoe.__typename).toBe('InputValidationError');
    expect(empty.data.issueCoe.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([
      ['authId', 'WZBAM001E'],
      ['applicationNumber', 'WZBAM001E'],
      ['name', 'WZBAM001E'],
      ['nationality', 'WZBAM001E'],
      ['birthDate', 'WZBAM001E'],
      ['sex', 'WZBAM001E'],
      ['statusOfResidence', 'WZBAM001E'],
    ]);
    // the lists are chosen from, so their short text says 「選択してください」 (as for sex), not 「入力してください」
    const short = await server.staffGql('mutation($i: IssueCoeInput!) { issueCoe(input: $i) { ... on InputValidationError { fieldErrors { field shortMessage } } } }', { i: {} }, { token: clerk.token });
    const shortOf = (field: string) => short.data.issueCoe.fieldErrors.find((f: { field: string }) => f.field === field).shortMessage;
    expect([shortOf('nationality'), shortOf('statusOfResidence'), shortOf('sex'), shortOf('name')]).toEqual(['選択してください。', '選択してください。', '選択してください。', '入力してください。']);
    const bad = await server.staffGql(
      ISSUE_COE,
      {
        input: coeInput(applicant.authId, {
          applicationNumber: '受付#1',
          name: '山田 太郎',
          nationality: 'JPN',
          birthDate: '2030-01-01',
          sex: 'X',
          statusOfResidence: 'PERMANENT_RESIDENT',
          organization: 'x'.repeat(101),
        }),
      },
      { token: clerk.token, lang: 'en' },
    );
    expect(bad.data.issueCoe.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([
      ['applicationNumber', 'WZBAM005E'],
      ['name', 'WZBAM005E'],
      ['nationality', 'WZBAM005E'],
      ['birthDate', 'WZBAM005E'],
      ['sex', 'WZBAM005E'],
      ['statusOfResidence', 'WZBAM005E'],
      ['organization', 'WZBAM005E'],
    ]);
    expect(bad.data.issueCoe.fieldErrors.find((f: any) => f.field === 'statusOfResidence').message).toBe(
      'The status of residence you entered is not valid. Please enter it again.',
    );
  });

  it('ApplicantNotFoundError, InvalidStateError (not ACTIVE, or not the counter class) and DuplicateApplicationError', async () => {
    const unknown = await server.staffGql(ISSUE_COE, { input: coeInput('zzzzz00000') }, { token: clerk.token });
    expect(unknown.data.issueCoe).toMatchObject({ __typename: 'ApplicantNotFoundError', code: 'APPLICANT_NOT_FOUND' });

    const suspended = await activeUser(server);
    await server.db.query("update user_account set status = 'SUSPENDED' where id = $1", [suspended.userId]);
    const r1 = await server.staffGql(ISSUE_COE, { input: coeInput(suspended.authId) }, { token: clerk.token });
    expect(r1.data.issueCoe).toMatchObject({ __typename: 'InvalidStateError', code: 'INVALID_STATE' });

    const foreigner = await activeUser(server, { userClass: 'FOREIGN_NATIONAL' });
    const r2 = await server.staffGql(ISSUE_COE, { input: coeInput(foreigner.authId) }, { token: clerk.token });
    expect(r2.data.issueCoe.__typename).toBe('InvalidStateError');

    const input = coeInput(applicant.authId);
    await issueCoe(server, clerk.token, applicant.authId, { applicationNumber: input.applicationNumber });
    const dup = await server.staffGql(ISSUE_COE, { input: { ...input, applicationNumber: ` ${input.applicationNumber.toLowerCase()} ` } }, { token: clerk.token });
    expect(dup.data.issueCoe).toMatchObject({ __typename: 'DuplicateApplicationError', code: 'DUPLICATE_APPLICATION' });
    const { rows } = await server.db.query('select count(*)::int as n from coe where application_number = $1', [input.applicationNumber]);
    expect(rows[0].n).toBe(1);
  });
});

describe('issueCoe under concurrency', () => {
  it('parallel issues of one application number: exactly one COE, the others DuplicateApplicationError', async () => {
    const input = coeInput(applicant.authId);
    const results = await Promise.all(Array.from({ length: 4 }, () => server.staffGql(ISSUE_COE, { input }, { token: clerk.token })));
    const kinds = results.map((r) => r.data?.issueCoe?.__typename ?? JSON.stringify(r.errors)).sort();
    expect(kinds).toEqual(['CoeIssued', 'DuplicateApplicationError', 'DuplicateApplicationError', 'DuplicateApplicationError']);
    const { rows } = await server.db.query('select count(*)::int as n from coe where application_number = $1', [input.applicationNumber]);
    expect(rows[0].n).toBe(1);
  });
});

describe('the COE mail', () => {
  it('plain text ja then en: the subject, the fields, the number in groups of 4, the notes, the receipt link (hash stored), /verify and the signed code', async () => {
    const coe = await issueCoe(server, clerk.token, applicant.authId);
    const [mail] = await coeMails(server, coe.number);
    expect(mail.subject).toBe('【在留資格認定証明書】電子交付のお知らせ / Certificate of Eligibility (electronic issuance)');
    const { ja, en } = mailHalves(mail.body);
    const grouped = `${coe.number.slice(0, 4)} ${coe.number.slice(4, 8)} ${coe.number.slice(8)}`;
    for (const text of [
      `在留資格認定証明書番号：${coe.number}（${grouped}）`, '氏名：NGUYEN VAN AN', '国籍・地域：ベトナム（VNM）', '生年月日：1998年7月15日',
      '在留資格：技術・人文知識・国際業務', '所属機関：Kasumigaseki Systems K.K.', '有効期限：2026年6月30日（2026-06-30）まで', '交付官署：東京出入国在留管理局',
      '自動翻訳しないでください', '転送',
    ]) {
      expect(ja, text).toContain(text);
    }
    for (const text of [
      `Certificate number: ${coe.number} (${grouped})`, 'Nationality: Vietnam (VNM)', 'Status of residence: Engineer/Specialist in Humanities/International Services',
      'Valid until: 2026-06-30', 'Do not let a mail program translate this mail automatically', 'forward this mail',
    ]) {
      expect(en, text).toContain(text);
    }
    const token = receiptToken(mail.body);
    expect(mail.body).toContain(`http://portal.test/coe/receipt?token=${token}`);
    expect((await coeRow(server, coe.number)).receipt_token_hash).toBe(hashToken(token));
    expect(mail.body).toContain('http://portal.test/verify\n');
    expect(mail.body).toContain(`http://portal.test/verify#${coe.verificationCode}`);
  });

  it('has an HTML alternative with the QR code as an inline cid: PNG, as it leaves for the SMTP server', async () => {
    const coe = await issueCoe(server, clerk.token, applicant.authId);
    const [mail] = await coeMails(server, coe.number);
    expect(mail.html).toContain(`<img src="cid:${mail.attachments![0].cid}"`);
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    let raw: Buffer | undefined;
    const capturing = Object.assign(Object.create(transport), {
      sendMail: async (m: any) => {
        const info = await transport.sendMail(m);
        raw = info.message as Buffer;
        return info;
      },
    });
    await sendMailTask({ pool: server.db, transport: capturing, from: 'no-reply@ras-portal.example', clock: server.clock, log: createLogger('silent') })(
      { outboxId: mail.id },
      {} as JobHelpers,
    );
    const parsed = await simpleParser(raw!, { skipImageLinks: true });
    expect(parsed.text).toContain(coe.number);
    expect(parsed.html).toContain('cid:');
    expect(parsed.attachments).toHaveLength(1);
    const [qr] = parsed.attachments;
    expect(qr.contentType).toBe('image/png');
    expect(qr.contentDisposition).toBe('inline');
    expect(qr.cid).toBe(mail.attachments![0].cid);
    expect(qr.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('the COE becomes MAILED only when the SMTP server accepted the mail (not when queued, not when sending failed)', async () => {
    const coe = await issueCoe(server, clerk.token, applicant.authId);
    const [mail] = await coeMails(server, coe.number);
    await expect(sendOutboxMail(server, mail.id, 'smtp://127.0.0.1:1')).rejects.toThrow();
    expect((await coeRow(server, coe.number)).state).toBe('ISSUED');

    await sendOutboxMail(server, mail.id, capture.url);
    const row = await coeRow(server, coe.number);
    expect(row.state).toBe('MAILED');
    expect(row.mailed_at?.getTime()).toBe(server.clock.now().getTime());
    const received = capture.mails().filter((m) => m.to.includes(applicant.email) && m.text.includes(coe.number));
    expect(received).toHaveLength(1);
    expect(received[0].html).toContain('cid:');

    const read = await server.staffGql(COE_QUERY, { number: coe.number.toLowerCase() }, { token: clerk.token });
    expect(read.data.coe.state).toBe('MAILED');
    expect(read.data.coe.events.map((e: any) => [e.kind, e.mail])).toEqual([
      ['ISSUED', null],
      ['MAIL_QUEUED', 'COE_ISSUED'],
      ['MAIL_SENT', 'COE_ISSUED'],
    ]);
  });
});

describe('revokeCoe, reissueCoe, resendCoeMail, coe', () => {
  it('revokeCoe: the reason is required; REVOKED with the reason, the applicant mailed, audited; not twice', async () => {
    const coe = await issueCoe(server, clerk.token, applicant.authId);
    const missing = await server.staffGql(REVOKE_COE, { input: { number: coe.number, reason: ' ' } }, { token: supervisor.token });
    expect(missing.data.revokeCoe.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([['reason', 'WZBAM001E']]);
    const unknown = await server.staffGql(REVOKE_COE, { input: { number: 'TK2600012344', reason: 'x' } }, { token: supervisor.token });
    expect(unknown.data.revokeCoe).toMatchObject({ __typename: 'CoeNotFoundError', code: 'COE_NOT_FOUND' });
    const badNumber = await server.staffGql(REVOKE_COE, { input: { number: 'TK2600012345', reason: 'x' } }, { token: supervisor.token });
    expect(badNumber.data.revokeCoe.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([['number', 'WZBAM005E']]);

    const res = await server.staffGql(REVOKE_COE, { input: { number: coe.number, reason: '申請内容に虚偽があったため' } }, { token: supervisor.token });
    expect(res.data.revokeCoe.coe).toMatchObject({ state: 'REVOKED', revocationReason: '申請内容に虚偽があったため' });
    expect((await coeRow(server, coe.number)).revoked_by).toBe(supervisor.id);
    const mails = await coeMails(server, coe.number);
    expect(mails.map((m) => m.kind)).toEqual(['COE_ISSUED', 'COE_REVOKED']);
    expect(mails[1].recipient).toBe(applicant.email);
    expect(mails[1].subject).toContain('【在留資格認定証明書】');
    expect(mails[1].body).toContain('取消しの理由：申請内容に虚偽があったため');
    expect((await auditEvents(server, 'COE_REVOKED')).at(-1)).toMatchObject({ staff_id: supervisor.id, target: coe.number, reason: '申請内容に虚偽があったため' });

    const again = await server.staffGql(REVOKE_COE, { input: { number: coe.number, reason: 'again' } }, { token: supervisor.token });
    expect(again.data.revokeCoe.__typename).toBe('InvalidStateError');
  });

  it('reissueCoe: the old one REVOKED and replacedBy a new number (the supervisor’s bureau) with the corrected fields, same application; both mails; audited', async () => {
    const old = await issueCoe(server, clerk.token, applicant.authId, { name: 'Nguyen Van Ann' });
    const res = await server.staffGql(REISSUE_COE, { input: { number: old.number, reason: '氏名の誤記訂正', name: 'Nguyen Van An' } }, { token: supervisor.token });
    expect(res.data.reissueCoe.__typename, JSON.stringify(res)).toBe('CoeIssued');
    const fresh = res.data.reissueCoe.coe;
    expect(fresh).toMatchObject({ state: 'ISSUED', name: 'NGUYEN VAN AN', replaces: old.number, bureau: 'OSAKA', applicationNumber: old.applicationNumber, birthDate: old.birthDate });
    expect(fresh.number).toMatch(/^OS26/);
    expect(fresh.verificationCode).not.toBe(old.verificationCode);
    const oldNow = (await server.staffGql(COE_QUERY, { number: old.number }, { token: supervisor.token })).data.coe;
    expect(oldNow).toMatchObject({ state: 'REVOKED', replacedBy: fresh.number, revocationReason: '氏名の誤記訂正' });
    expect((await coeMails(server, old.number)).map((m) => m.kind)).toEqual(['COE_ISSUED', 'COE_REVOKED']);
    const newMails = await coeMails(server, fresh.number);
    expect(newMails.map((m) => m.kind)).toEqual(['COE_REISSUED']);
    expect(newMails[0].body).toContain(`番号 ${old.number}`);
    expect((await auditEvents(server, 'COE_REISSUED')).at(-1)).toMatchObject({ target: fresh.number, details: { replaces: old.number } });

    const twice = await server.staffGql(REISSUE_COE, { input: { number: old.number, reason: 'x' } }, { token: supervisor.token });
    expect(twice.data.reissueCoe.__typename).toBe('InvalidStateError');
    const badField = await server.staffGql(REISSUE_COE, { input: { number: fresh.number, reason: 'x', nationality: 'ZZZ' } }, { token: supervisor.token });
    expect(badField.data.reissueCoe.fieldErrors.map((f: any) => f.field)).toEqual(['nationality']);
  });

  it('resendCoeMail mails the COE again with a new receipt link (the older one void); refused for a revoked COE; audited', async () => {
    const coe = await issueCoe(server, clerk.token, applicant.authId);
    const first = receiptToken((await coeMails(server, coe.number))[0].body);
    const res = await server.staffGql(RESEND_COE_MAIL, { number: coe.number.replace(/(.{4})/g, '$1-') }, { token: clerk.token });
    expect(res.data.resendCoeMail.__typename).toBe('CoeMailResent');
    const mails = await coeMails(server, coe.number);
    expect(mails.map((m) => m.kind)).toEqual(['COE_ISSUED', 'COE_RESENT']);
    const second = receiptToken(mails[1].body);
    expect(second).not.toBe(first);
    expect((await coeRow(server, coe.number)).receipt_token_hash).toBe(hashToken(second));
    expect((await auditEvents(server, 'COE_MAIL_RESENT')).at(-1)).toMatchObject({ target: coe.number, staff_id: clerk.id });

    await server.staffGql(REVOKE_COE, { input: { number: coe.number, reason: 'x' } }, { token: supervisor.token });
    const refused = await server.staffGql(RESEND_COE_MAIL, { number: coe.number }, { token: clerk.token });
    expect(refused.data.resendCoeMail.__typename).toBe('InvalidStateError');
  });

  it('coe(number): lenient input, null for an unknown number, every read audited', async () => {
    const coe = await issueCoe(server, clerk.token, applicant.authId);
    const before = (await auditEvents(server, 'COE_VIEWED')).length;
    const read = await server.staffGql(COE_QUERY, { number: ` ${coe.number.toLowerCase().replace(/(.{4})/g, '$1 ')}` }, { token: clerk.token });
    expect(read.data.coe.number).toBe(coe.number);
    expect((await server.staffGql(COE_QUERY, { number: 'TK2600012344' }, { token: clerk.token })).data.coe).toBeNull();
    const viewed = await auditEvents(server, 'COE_VIEWED');
    expect(viewed).toHaveLength(before + 2);
    expect(viewed.at(-2)).toMatchObject({ target: coe.number, details: { found: true, authId: applicant.authId } });
    expect(viewed.at(-1)).toMatchObject({ target: 'TK2600012344', details: { found: false } });
  });

  it("the staff's applicant detail lists the account's COEs, newest first, with their states", async () => {
    const holder = await activeUser(server);
    const first = await issueCoe(server, clerk.token, holder.authId);
    const second = await issueCoe(server, clerk.token, holder.authId);
    await server.staffGql(REVOKE_COE, { input: { number: first.number, reason: '記載誤り' } }, { token: supervisor.token });
    const res = await server.staffGql(
      'query($a: String!) { applicant(authId: $a) { authId coes { number state revocationReason } } }',
      { a: holder.authId },
      { token: clerk.token },
    );
    expect(res.data?.applicant.coes).toEqual([
      { number: second.number, state: 'ISSUED', revocationReason: null },
      { number: first.number, state: 'REVOKED', revocationReason: '記載誤り' },
    ]);
    // another account's COEs are not there
    const other = await activeUser(server);
    const none = await server.staffGql('query($a: String!) { applicant(authId: $a) { coes { number } } }', { a: other.authId }, { token: clerk.token });
    expect(none.data?.applicant.coes).toEqual([]);
  });

  it('a rolled-back issue leaves no COE, no mail and no event (the audit write is in the same transaction)', async () => {
    const user = await activeUser(server);
    const countOf = async (sql: string, p: unknown[]) => Number((await server.db.query(sql, p)).rows[0].n);
    const coesBefore = await countOf('select count(*) as n from coe where user_id = $1', [user.userId]);
    // the audit trail refuses the COE_ISSUED event (a trigger for this test), so the whole issue must roll back
    await server.db.query("create or replace function coe_test_fail() returns trigger language plpgsql as $$ begin raise exception 'audit down'; end $$");
    await server.db.query('create trigger coe_test_fail before insert on audit_event for each row execute function coe_test_fail()');
    try {
      const res = await server.staffGql(ISSUE_COE, { input: coeInput(user.authId) }, { token: clerk.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('WZBAM098E');
    } finally {
      await server.db.query('drop trigger coe_test_fail on audit_event');
    }
    expect(await countOf('select count(*) as n from coe where user_id = $1', [user.userId])).toBe(coesBefore);
    expect(await countOf("select count(*) as n from mail_outbox where user_id = $1 and kind like 'COE_%'", [user.userId])).toBe(0);
  });
});
