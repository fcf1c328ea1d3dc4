import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { MailCapture, extractAuthId, extractLinks } from '../support/smtp-receiver.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { requestGql } from '../support/test-server.js';
import { LOGIN, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../support/fixtures.js';
import { ENROL_STAFF, STAFF_ENROLMENT, STAFF_LOGIN, STAFF_VERIFY_TOTP } from '../support/staff-helpers.js';
import { totpCode } from '../support/totp.js';
import { waitUntil } from '../support/mail-helpers.js';
import { COE_QUERY, ISSUE_COE, coeInput, REGISTER_COE_RECEIPT, REVOKE_COE, VERIFY_COE } from '../server/coe/coe-helpers.js';

/**
 * The electronic COE end to end on real parts (docs/spec/coe.md): the product as its own process with its mail worker
 * and a generated signing key, a real SMTP receiver. A clerk issues → the mail (text and HTML with the QR) arrives and
 * the COE becomes MAILED → the recipient registers receipt → verifyCoe says VALID and the mailed code verifies against
 * the published keys → a supervisor revokes → REVOKED, and the revocation mail arrives.
 */
let smtp: MailCapture;
let db: { url: string; drop: () => Promise<void> };
let server: ServerProcess;
let dataDir: string;

const CLI = ['--require', './server/preload/index.cjs', '--import', 'tsx', 'server/src/cli/staff.ts'];

function createAdmin(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, 'create-admin', '--login-id', 'coe-admin@immi.example.go.jp', '--name', '交付 担当', '--bureau', 'TOKYO', '--roles', 'STAFF_ADMIN,COUNTER_CLERK,SUPERVISOR'], {
      env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`create-admin exited ${code}: ${stderr}`))));
  });
}

beforeAll(async () => {
  smtp = await MailCapture.start({ port: 0 });
  db = await createTestDatabase({ empty: true });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'coe-e2e-'));
  server = await startServerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@portal.example', DATA_DIR: dataDir });
}, 90_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  await smtp?.stop();
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const staff = (query: string, variables: Record<string, unknown>, token?: string) => requestGql(server.url, query, variables, { endpoint: '/staff/graphql', token });
const applicant = (query: string, variables: Record<string, unknown>, token?: string) => requestGql(server.url, query, variables, { token });

it('issue → mail → MAILED → receipt → VALID (and the code verifies offline) → revoke → REVOKED and its mail', { timeout: 180_000 }, async () => {
  // the recipient: registered, password set, logged in
  const email = 'coe-recipient@example.jp';
  await applicant(REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
  const registration = await smtp.waitFor((m) => m.to.includes(email) && /認証ID/.test(m.text), 30_000);
  const authId = extractAuthId(registration.text)!;
  const setLink = extractLinks(registration.text).find((l) => l.includes('/password/set?token='))!;
  await applicant(SET_PASSWORD, { input: { token: new URL(setLink).searchParams.get('token'), password: PASSWORD, passwordConfirmation: PASSWORD } });
  const login = await applicant(LOGIN, { input: { authId, password: PASSWORD } });
  const session = login.data.login.token as string;

  // the staff member: bootstrapped by the CLI, enrolled with TOTP, logged in (the next step's code: each code once)
  const link = await createAdmin({ DATABASE_URL: db.url, PUBLIC_URL: server.url });
  const enrolToken = new URL(link).searchParams.get('token')!;
  const { secret } = await (async () => {
    const view = await staff(STAFF_ENROLMENT, { token: enrolToken });
    return { secret: view.data.staffEnrolment.totpSecret as string };
  })();
  const enrolled = await staff(ENROL_STAFF, { input: { token: enrolToken, password: PASSWORD, passwordConfirmation: PASSWORD, totpCode: totpCode(secret, new Date()) } });
  expect(enrolled.data.enrolStaff.__typename).toBe('StaffEnrolled');
  const first = await staff(STAFF_LOGIN, { input: { loginId: 'coe-admin@immi.example.go.jp', password: PASSWORD } });
  const second = await staff(STAFF_VERIFY_TOTP, { input: { challengeId: first.data.staffLogin.challengeId, code: totpCode(secret, new Date(), 1) } });
  expect(second.data.staffVerifyTotp.__typename, JSON.stringify(second)).toBe('StaffLoginSuccess');
  const staffToken = second.data.staffVerifyTotp.token as string;

  // issue
  const issued = await staff(ISSUE_COE, { input: coeInput(authId, { name: 'Tran Hoang', birthDate: '1995-02-03' }) }, staffToken);
  expect(issued.data.issueCoe.__typename, JSON.stringify(issued)).toBe('CoeIssued');
  const { number } = issued.data.issueCoe.coe;

  // the mail: both parts, the QR inline, then MAILED
  const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('【在留資格認定証明書】電子交付のお知らせ'), 30_000);
  expect(mail.subject).toBe('【在留資格認定証明書】電子交付のお知らせ / Certificate of Eligibility (electronic issuance)');
  expect(mail.text.indexOf(`在留資格認定証明書番号：${number}`)).toBeLessThan(mail.text.indexOf(`Certificate number: ${number}`));
  expect(mail.html).toMatch(/<img src="cid:[^"]+"/);
  const state = async () => (await staff(COE_QUERY, { number }, staffToken)).data.coe;
  const mailed = await waitUntil(state, (c) => c.state === 'MAILED', { what: 'the COE to be MAILED' });
  expect(mailed.events.map((e: any) => e.kind)).toEqual(['ISSUED', 'MAIL_QUEUED', 'MAIL_SENT']);

  // receipt
  const receiptLink = extractLinks(mail.text).find((l) => l.startsWith(`${server.url}/coe/receipt?token=`))!;
  const receipt = await applicant(REGISTER_COE_RECEIPT, { input: { token: new URL(receiptLink).searchParams.get('token') } }, session);
  expect(receipt.data.registerCoeReceipt).toMatchObject({ __typename: 'CoeReceiptRegistered', coe: { number, state: 'RECEIPT_REGISTERED' } });
  await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('受領登録完了'), 30_000);

  // the public check, and the offline proof against the published keys
  const valid = await applicant(VERIFY_COE, { input: { number: number.toLowerCase(), birthDate: '1995-02-03' } });
  expect(valid.data.verifyCoe).toMatchObject({ result: 'VALID', maskedName: 'T*** H****' });
  const code = new URL(extractLinks(mail.text).find((l) => l.startsWith(`${server.url}/verify#`))!).hash.slice(1);
  const jwks = (await (await fetch(`${server.url}/.well-known/coe-keys.json`)).json()) as JSONWebKeySet;
  const verified = await compactVerify(code, createLocalJWKSet(jwks));
  expect(JSON.parse(new TextDecoder().decode(verified.payload))).toMatchObject({ n: number, nm: 'TRAN HOANG', dob: '1995-02-03' });

  // revoke
  const revoked = await staff(REVOKE_COE, { input: { number, reason: '在留資格該当性の再審査のため' } }, staffToken);
  expect(revoked.data.revokeCoe.coe.state).toBe('REVOKED');
  const revocationMail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('取消し'), 30_000);
  expect(revocationMail.text).toContain('在留資格該当性の再審査のため');
  expect((await applicant(VERIFY_COE, { input: { number, birthDate: '1995-02-03' } })).data.verifyCoe.result).toBe('REVOKED');

  expect(await server.stop('SIGTERM')).toBe(0);
});
