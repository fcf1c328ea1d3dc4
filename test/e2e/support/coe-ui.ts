/**
 * The electronic COE in the browser suite: a staff member of the web app's own server process (bootstrapped by the
 * staff CLI like an operator would, enrolled with TOTP, logged in through the staff API) issues COEs to accounts made
 * through the applicant API; the issue mail is read from the real SMTP receiver.
 */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { extractLinks, type CapturedMail } from '../../support/smtp-receiver.js';
import { requestGql } from '../../support/test-server.js';
import { PASSWORD } from '../../support/fixtures.js';
import { ENROL_STAFF, STAFF_ENROLMENT, STAFF_LOGIN, STAFF_VERIFY_TOTP } from '../../support/staff-helpers.js';
import { totpCode } from '../../support/totp.js';
import { ISSUE_COE, coeInput } from '../../server/coe/coe-helpers.js';
import type { WebApp } from './web-app.js';

const CLI = ['--require', './server/preload/index.cjs', '--import', 'tsx', 'server/src/cli/staff.ts'];

function createAdmin(app: WebApp, loginId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...CLI, 'create-admin', '--login-id', loginId, '--name', '交付 担当', '--bureau', 'TOKYO', '--roles', 'STAFF_ADMIN,COUNTER_CLERK,SUPERVISOR'],
      { env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', DATABASE_URL: app.databaseUrl, PUBLIC_URL: app.url }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`create-admin exited ${code}: ${stderr}`))));
  });
}

/** A clerk-and-supervisor's bearer token on the app's staff API (the first staff member of its database). */
export async function staffSession(app: WebApp): Promise<string> {
  const staff = (query: string, variables: Record<string, unknown>) => requestGql(app.url, query, variables, { endpoint: '/staff/graphql' });
  const loginId = `coe-web-${process.pid}@immi.example.go.jp`;
  const token = new URL(await createAdmin(app, loginId)).searchParams.get('token')!;
  const secret = (await staff(STAFF_ENROLMENT, { token })).data.staffEnrolment.totpSecret as string;
  const enrolled = await staff(ENROL_STAFF, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD, totpCode: totpCode(secret, new Date()) } });
  expect(enrolled.data.enrolStaff.__typename, JSON.stringify(enrolled)).toBe('StaffEnrolled');
  const first = await staff(STAFF_LOGIN, { input: { loginId, password: PASSWORD } });
  // the next step's code: each code is accepted once
  const second = await staff(STAFF_VERIFY_TOTP, { input: { challengeId: first.data.staffLogin.challengeId, code: totpCode(secret, new Date(), 1) } });
  expect(second.data.staffVerifyTotp.__typename, JSON.stringify(second)).toBe('StaffLoginSuccess');
  return second.data.staffVerifyTotp.token as string;
}

/** issueCoe on the staff API; the COE as issued. */
export async function issueCoeTo(app: WebApp, staffToken: string, authId: string, overrides: Record<string, string | null> = {}) {
  const res = await requestGql(app.url, ISSUE_COE, { input: coeInput(authId, overrides) }, { endpoint: '/staff/graphql', token: staffToken });
  expect(res.data?.issueCoe?.__typename, JSON.stringify(res)).toBe('CoeIssued');
  return res.data.issueCoe.coe as { number: string; verificationCode: string; verificationUrl: string; birthDate: string; name: string };
}

/** The newest COE mail for `number` to `email` (after `after` mails matched, for a resent one), with its links. */
export async function coeMail(app: WebApp, email: string, number: string, after = 0): Promise<{ mail: CapturedMail; receiptLink: string; verifyLink: string }> {
  const matches = (m: CapturedMail) => m.to.includes(email) && m.subject.startsWith('【在留資格認定証明書】電子交付のお知らせ') && m.text.includes(number);
  await app.smtp.waitFor((m) => matches(m) && app.smtp.mails().filter(matches).length > after, 30_000);
  const mail = app.smtp.mails().filter(matches).at(-1)!;
  const links = extractLinks(mail.text);
  return {
    mail,
    receiptLink: links.find((l) => l.includes('/coe/receipt?token='))!,
    verifyLink: links.find((l) => l.includes('/verify#'))!,
  };
}
