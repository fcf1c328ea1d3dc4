/**
 * Helpers of the staff console's browser tests (test/e2e/web/staff-*.test.ts): members made by the real CLI
 * (`npm run staff -- create-admin`) on the web app's database, enrolment and login through the pages, the TOTP codes
 * an authenticator app would show (test/support/totp.ts, from the RFC), the enrolment mails the console sends.
 */
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../../support/fixtures.js';
import { totpCode } from '../../support/totp.js';
import { extractLinks } from '../../support/smtp-receiver.js';
import type { WebApp } from './web-app.js';

export const STAFF_PASSWORD = PASSWORD;

const CLI = ['--require', './server/preload/index.cjs', '--import', 'tsx', 'server/src/cli/staff.ts'];

let counter = 0;
/** A unique staff login ID per call. */
export function freshLoginId(prefix = 'staff'): string {
  counter += 1;
  return `${prefix}${process.pid}c${counter}@immi.example.go.jp`;
}

/** `npm run staff -- create-admin …` on the app's database: the enrolment link it prints. */
export function createAdmin(app: WebApp, opts: { loginId?: string; name?: string; roles?: string; bureau?: string } = {}): Promise<{ loginId: string; link: string }> {
  const loginId = opts.loginId ?? freshLoginId('admin');
  const args = ['create-admin', '--login-id', loginId, '--name', opts.name ?? '管理 一郎', '--bureau', opts.bureau ?? 'TOKYO', '--force'];
  if (opts.roles) args.push('--roles', opts.roles);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', DATABASE_URL: app.databaseUrl, PUBLIC_URL: app.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => (code === 0 ? resolve({ loginId, link: stdout.trim() }) : reject(new Error(`create-admin exited ${code}: ${stderr}`))));
  });
}

/** The enrolment link mailed to `loginId` (createStaffMember, resetStaffSecondFactor), other than those in `except`. */
export async function enrolmentMailLink(app: WebApp, loginId: string, except: string[] = []): Promise<string> {
  const linkOf = (text: string) => extractLinks(text).find((l) => l.includes('/staff/enrol?token=') && !except.includes(l));
  const mail = await app.smtp.waitFor((m) => m.to.includes(loginId) && Boolean(linkOf(m.text)), 30_000);
  return linkOf(mail.text)!;
}

/**
 * Enrols through /staff/enrol with TOTP: reads the secret the page shows, types the password twice and the code of
 * the current step. Returns the secret (the authenticator app's side).
 */
export async function enrolWithTotpUi(page: Page, link: string, password = STAFF_PASSWORD): Promise<string> {
  await page.goto(link);
  await page.waitForURL((u) => u.pathname === '/staff/enrol' && !u.search);
  const secret = (await page.locator('.totp-secret').innerText()).trim();
  await page.fill('#field-password', password);
  await page.fill('#field-passwordConfirmation', password);
  await page.fill('#field-totpCode', totpCode(secret, new Date()));
  await Promise.all([page.waitForURL(/\/staff\/login\?m=enrolled$/), page.locator('form button[type=submit]').first().click()]);
  return secret;
}

/**
 * Logs in through /staff/login and the TOTP field of the second step. `offset`: the step of the code (each code is
 * accepted once, and the step after the last accepted one is accepted at once: +1 after enrolling with the current).
 */
export async function loginWithTotpUi(page: Page, base: string, loginId: string, secret: string, offset = 1, password = STAFF_PASSWORD): Promise<void> {
  await page.goto(`${base}/staff/login`);
  await page.fill('#field-loginId', loginId);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL(/\/staff\/login\/verify$/), page.locator('form button[type=submit]').click()]);
  await page.fill('#field-code', totpCode(secret, new Date(), offset));
  await Promise.all([page.waitForURL((u) => u.pathname === '/staff'), page.locator('form[action="?/totp"] button[type=submit]').click()]);
}
