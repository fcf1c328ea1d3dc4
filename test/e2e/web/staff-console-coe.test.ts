import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { activeAccount, seriousViolations, startWebSuite, stopWebSuite } from '../support/web-ui.js';
import { createAdmin, enrolWithTotpUi, loginWithTotpUi } from '../support/staff-ui.js';

vi.setConfig({ testTimeout: 300_000 });

/**
 * The staff console's COE pages (docs/spec/staff.md "Staff console", docs/spec/coe.md "Staff API"): a counter clerk
 * opens the issue form from the applicant detail of a COUNTER_COE_RECIPIENT account, meets the error summary, the
 * confirmation step, issues two COEs (a second issue of the same application number is refused by name), sees the
 * COE page with its history and resends the mail; a supervisor revokes one with a reason and reissues the other with
 * a corrected name (a new number, replacedBy / replaces). The lookup box finds a COE by a number typed loosely.
 * JavaScript on and off; axe on every new page; screenshots (ja, 768 px) in /tmp/s8-shots.
 */
let app: WebApp;
let browser: Browser;
let dataDir: string;
const SHOTS = '/tmp/s8-shots';
let a11y = '';
let applications = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'staff-coe-web-'));
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000', DATA_DIR: dataDir });
});
afterAll(async () => {
  await stopWebSuite(app, browser);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function withPage<T>(javaScript: boolean, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, { locale: 'ja', javaScript: true });
  // axe needs script: "JavaScript off" is the app's own script refused (as accessibility.test.ts does)
  if (!javaScript) await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 768, height: 900 });
    return await fn(page);
  } finally {
    await context.close();
  }
}

async function staffMember(page: Page, roles: string, name: string) {
  const member = await createAdmin(app, { roles, name });
  const secret = await enrolWithTotpUi(page, member.link);
  await loginWithTotpUi(page, app.url, member.loginId, secret);
}

/** axe, and the page fits the 768 px the tests browse at. */
async function check(page: Page, label: string) {
  a11y += await seriousViolations(page, label);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 768) a11y += `${label} (${page.url()}): ${wide} px wide at 768 px\n`;
}

const coeUrl = (u: URL) => /^\/staff\/coe\/[A-Z]{2}\d{10}$/.test(u.pathname);

/** The issue form filled in and confirmed; returns at the confirmation step. */
async function fillIssueForm(page: Page, applicationNumber: string) {
  await page.fill('#field-applicationNumber', applicationNumber);
  await page.fill('#field-name', 'Nguyen Van An');
  await page.selectOption('#field-nationality', 'VNM');
  await page.fill('#field-birthDate', '1998-07-15');
  await page.selectOption('#field-sex', 'MALE');
  await page.selectOption('#field-statusOfResidence', 'ENGINEER_HUMANITIES_INTL');
  await page.fill('#field-organization', 'Kasumigaseki Systems K.K.');
  await page.locator('main form.coe-form button[type=submit]').click();
  await page.locator('.confirm-box').waitFor();
}

async function issueThroughForm(page: Page, authId: string, applicationNumber: string): Promise<string> {
  await page.goto(`${app.url}/staff/applicants/${authId}/coe/new`);
  await fillIssueForm(page, applicationNumber);
  await Promise.all([page.waitForURL((u) => coeUrl(u) && u.searchParams.get('done') === 'issued'), page.locator('.confirm-box button[formaction="?/issue"]').click()]);
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** A COE action from its page: the button, the confirmation step, the fields, 実行する. */
async function act(page: Page, action: string, fields: Record<string, string>) {
  await page.locator(`button[data-action="${action}"]`).click();
  await page.locator('.confirm-box').waitFor();
  for (const [name, value] of Object.entries(fields)) await page.fill(`.confirm-box [name="${name}"]`, value);
  await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === action), page.locator('.confirm-box button[type=submit]').click()]);
}

describe('staff console: COE pages', () => {
  for (const javaScript of [true, false]) {
    const tag = javaScript ? 'js' : 'nojs';
    it(`a clerk issues and resends, a supervisor revokes and reissues — JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const applicant = await activeAccount(app);
      const first = `TK-E2E-${process.pid}-${++applications}`;
      const second = `TK-E2E-${process.pid}-${++applications}`;
      let revoked = '';
      let corrected = '';
      await withPage(javaScript, async (page) => {
        await staffMember(page, 'COUNTER_CLERK', '窓口 交付子');
        await page.goto(`${app.url}/staff/applicants/${applicant.authId}`);
        await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/coe/new')), page.locator('a.issue-coe').click()]);
        await check(page, `issue form ${tag}`);

        // an empty form: the summary names every required field, 「！」 at each
        await page.locator('main form.coe-form button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
        const summary = await page.locator('.error-summary').innerText();
        for (const label of ['受付番号', '氏名', '国籍・地域', '生年月日', '性別', '在留資格']) expect(summary).toContain(label);
        expect(await page.locator('.field.invalid').count()).toBe(6);
        await page.screenshot({ path: `${SHOTS}/coe-issue-errors-ja-${tag}.png`, fullPage: true });
        await check(page, `issue form with errors ${tag}`);

        // a value the API refuses (a birth date in the future) comes back at its field after the confirmation step
        await fillIssueForm(page, first);
        await page.screenshot({ path: `${SHOTS}/coe-issue-confirm-ja-${tag}.png`, fullPage: true });
        await check(page, `issue confirmation ${tag}`);
        expect(await page.locator('.confirm-box').innerText()).toContain('技術・人文知識・国際業務');
        await page.locator('.confirm-box button[formaction="?/edit"]').click();
        await page.locator('#field-birthDate').waitFor();
        expect(await page.inputValue('#field-applicationNumber')).toBe(first);
        await page.fill('#field-birthDate', '2999-01-01');
        await page.locator('main form.coe-form button[type=submit]').click();
        await page.locator('.confirm-box').waitFor();
        await page.locator('.confirm-box button[formaction="?/issue"]').click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary').innerText()).toContain('生年月日');
        expect(await page.locator('.field.invalid #field-birthDate').count()).toBe(1);
        expect(await page.inputValue('#field-name')).toBe('Nguyen Van An');

        revoked = await issueThroughForm(page, applicant.authId, first);
        expect(await page.locator('.done-box').innerText()).toContain('交付しました');
        expect(await page.locator('.state-line').innerText()).toMatch(/交付|送信済み/);
        const data = await page.locator('.coe-data').innerText();
        for (const text of ['NGUYEN VAN AN', 'ベトナム', '技術・人文知識・国際業務', first, applicant.authId, '/verify#']) expect(data).toContain(text);
        expect(await page.locator('.coe-events tr[data-kind="ISSUED"]').count()).toBe(1);
        expect(await page.locator('button[data-action="revoke"]').count()).toBe(0);
        await page.screenshot({ path: `${SHOTS}/coe-page-clerk-ja-${tag}.png`, fullPage: true });
        await check(page, `COE page ${tag}`);
        await act(page, 'resend', {});
        expect(await page.locator('.done-box').innerText()).toContain('再送信しました');
        await expect.poll(async () => page.locator('.coe-events tr[data-kind="MAIL_QUEUED"]').count()).toBeGreaterThanOrEqual(2);

        // the same application number again: refused by name
        await page.goto(`${app.url}/staff/applicants/${applicant.authId}/coe/new`);
        await fillIssueForm(page, first);
        await page.locator('.confirm-box button[formaction="?/issue"]').click();
        await page.locator('.error-summary').waitFor();
        await page.screenshot({ path: `${SHOTS}/coe-issue-duplicate-ja-${tag}.png`, fullPage: true });
        expect(await page.locator('.error-summary').innerText()).toContain('既に交付されています');
        expect(await page.locator('.field.invalid #field-applicationNumber').count()).toBe(1);
        await check(page, `issue duplicate ${tag}`);

        corrected = await issueThroughForm(page, applicant.authId, second);
        // the applicant detail lists both, each linked to its page
        await page.goto(`${app.url}/staff/applicants/${applicant.authId}`);
        expect(await page.locator(`.coes-table a[href="/staff/coe/${revoked}"]`).count()).toBe(1);
        expect(await page.locator(`.coes-table a[href="/staff/coe/${corrected}"]`).count()).toBe(1);
      });

      await withPage(javaScript, async (page) => {
        await staffMember(page, 'SUPERVISOR', '統括 取消子');
        // the lookup box takes the number loosely
        await page.goto(`${app.url}/staff/applicants`);
        await page.fill('#coe-lookup-number', `${revoked.slice(0, 4).toLowerCase()}-${revoked.slice(4, 8)} ${revoked.slice(8)}`);
        await Promise.all([page.waitForURL((u) => u.pathname === `/staff/coe/${revoked}`), page.locator('.coe-lookup button').click()]);

        // revoke: the reason is required, said on the confirmation step
        await page.locator('button[data-action="revoke"]').click();
        await page.locator('.confirm-box').waitFor();
        await page.locator('.confirm-box button[type=submit]').click();
        await page.locator('.confirm-box .error-summary').waitFor();
        expect(await page.locator('.confirm-box .error-summary').innerText()).toContain('理由');
        await page.screenshot({ path: `${SHOTS}/coe-revoke-errors-ja-${tag}.png`, fullPage: true });
        await check(page, `revoke with errors ${tag}`);
        await page.fill('.confirm-box [name=reason]', '申請の取下げによる取消し');
        await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'revoke'), page.locator('.confirm-box button[type=submit]').click()]);
        expect(await page.locator('.state-line').innerText()).toContain('取消し');
        expect(await page.locator('.coe-events tr[data-kind="REVOKED"]').innerText()).toContain('申請の取下げによる取消し');
        expect(await page.locator('.revocation-reason').innerText()).toContain('申請の取下げによる取消し');
        expect(await page.locator('button[data-action]').count()).toBe(0);
        await page.screenshot({ path: `${SHOTS}/coe-revoked-ja-${tag}.png`, fullPage: true });
        await check(page, `revoked COE ${tag}`);

        // reissue with a corrected name: the form prefilled, the reason required → the new COE's page
        await page.goto(`${app.url}/staff/coe/${corrected}`);
        await page.locator('button[data-action="reissue"]').click();
        await page.locator('.confirm-box').waitFor();
        expect(await page.inputValue('.confirm-box #field-name')).toBe('NGUYEN VAN AN');
        expect(await page.inputValue('.confirm-box #field-statusOfResidence')).toBe('ENGINEER_HUMANITIES_INTL');
        await page.screenshot({ path: `${SHOTS}/coe-reissue-ja-${tag}.png`, fullPage: true });
        await check(page, `reissue step ${tag}`);
        await page.fill('.confirm-box #field-name', 'Nguyen Van Binh');
        await page.fill('.confirm-box [name=reason]', '氏名の誤記訂正');
        await Promise.all([
          page.waitForURL((u) => coeUrl(u) && !u.pathname.endsWith(corrected) && u.searchParams.get('done') === 'reissue'),
          page.locator('.confirm-box button[type=submit]').click(),
        ]);
        const reissued = new URL(page.url()).pathname.split('/').at(-1)!;
        expect(reissued).not.toBe(corrected);
        expect(await page.locator('.coe-data').innerText()).toContain('NGUYEN VAN BINH');
        expect(await page.locator('a.replaces').innerText()).toBe(corrected);
        await page.screenshot({ path: `${SHOTS}/coe-reissued-ja-${tag}.png`, fullPage: true });
        await check(page, `reissued COE ${tag}`);
        await page.goto(`${app.url}/staff/coe/${corrected}`);
        expect(await page.locator('a.replaced-by').innerText()).toBe(reissued);
        expect(await page.locator('.state-line').innerText()).toContain('取消し');
        expect(await page.locator('.coe-events tr[data-kind="REISSUED"]').count()).toBe(1);

        // in English: the COE page and the issue form with its errors
        await page.goto(`${app.url}/staff/coe/${reissued}?lang=en`);
        await page.waitForURL((u) => u.pathname === `/staff/coe/${reissued}`);
        expect(await page.locator('h1').innerText()).toContain('Certificate of Eligibility');
        expect(await page.locator('.coe-data').innerText()).toContain('Engineer/Specialist in Humanities/International Services');
        await page.screenshot({ path: `${SHOTS}/coe-page-en-${tag}.png`, fullPage: true });
        await check(page, `COE page en ${tag}`);
        await page.goto(`${app.url}/staff/applicants/${applicant.authId}/coe/new`);
        await page.locator('main form.coe-form button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
        for (const label of ['Application number', 'Nationality', 'Status of residence']) expect(await page.locator('.error-summary').innerText()).toContain(label);
        await page.screenshot({ path: `${SHOTS}/coe-issue-errors-en-${tag}.png`, fullPage: true });
        await check(page, `issue form with errors en ${tag}`);
      });
    });
  }

  it('no serious or critical axe violation on the pages above, and each fits 768 px', () => {
    expect(a11y, a11y).toBe('');
  });
});
