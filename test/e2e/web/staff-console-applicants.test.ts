import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { gqlAt } from '../../support/server-process.js';
import { LOGIN } from '../../support/fixtures.js';
import { activeAccount, seriousViolations, startWebSuite, stopWebSuite } from '../support/web-ui.js';
import { createAdmin, enrolWithTotpUi, loginWithTotpUi } from '../support/staff-ui.js';

vi.setConfig({ testTimeout: 240_000 });

/**
 * The console's pages for the applicant accounts and the approvals (docs/spec/staff.md "Staff console"): the
 * dashboard's search box and pending count, search → detail → every action, each through its confirmation step asking
 * 理由 and 受付番号 (and the date or the new address); dual control (the requester cannot approve, another supervisor
 * approves or rejects); the 認証ID re-notice by three fields; an auditor only reads. JavaScript on and off; axe on each.
 */
let app: WebApp;
let browser: Browser;
const SHOTS = '/tmp/s4-shots';
let a11y = '';

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});
afterAll(() => stopWebSuite(app, browser));

async function withPage<T>(opts: { javaScript: boolean; locale?: 'ja' | 'en' }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await newContext(browser, { ...opts, javaScript: true });
  // axe needs script: "JavaScript off" is the app's own script refused (as accessibility.test.ts does)
  if (!opts.javaScript) await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 768, height: 900 });
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

async function staffMember(page: Page, roles: string, name: string) {
  const member = await createAdmin(app, { roles, name });
  const secret = await enrolWithTotpUi(page, member.link);
  await loginWithTotpUi(page, app.url, member.loginId, secret);
  return member;
}

/** axe, and the page fits the 768 px the tests browse at (staff.md: usable at 768 px). */
async function check(page: Page, label: string) {
  a11y += await seriousViolations(page, label);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 768) a11y += `${label} (${page.url()}): ${wide} px wide at 768 px\n`;
}

/** An applicant action from the detail page: its button, the confirmation step, the reason and number, 実行する. */
async function act(page: Page, action: string, fields: Record<string, string> = {}) {
  await page.locator(`button[data-action="${action}"]`).click();
  await page.locator('.confirm-box').waitFor();
  for (const [name, value] of Object.entries(fields)) await page.fill(`.confirm-box [name="${name}"]`, value);
  await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === action), page.locator('.confirm-box button[type=submit]').click()]);
}

describe('staff console: applicants, approvals', () => {
  for (const javaScript of [true, false]) {
    const tag = javaScript ? 'js' : 'nojs';
    it(`search, detail, every action confirmed with a reason; deletion and e-mail correction by dual control — JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const applicant = await activeAccount(app);
      await app.sql(`update user_account set locked_until = now() + interval '1 day', failed_login_count = 5 where auth_id = $1`, [applicant.authId]);
      await withPage({ javaScript }, async (page) => {
        await staffMember(page, 'COUNTER_CLERK,SUPERVISOR,AUDITOR', '統括 一子');
        expect(await page.locator('.pending-count').innerText()).toMatch(/0/);
        await page.fill('#dashboard-authId', applicant.authId);
        await Promise.all([page.waitForURL((u) => u.pathname === '/staff/applicants'), page.locator('.dashboard-search button').click()]);
        await expect.poll(() => page.locator('.applicants-table tbody tr').count()).toBe(1);
        await page.screenshot({ path: `${SHOTS}/applicants-ja-${tag}.png`, fullPage: true });
        await check(page, `search ${tag}`);
        await Promise.all([page.waitForURL(/\/staff\/applicants\/[^/?]+$/), page.locator(`.applicants-table a:has-text("${applicant.authId}")`).click()]);
        expect(await page.locator('.state-line').innerText()).toContain('ロック中');
        await check(page, `detail ${tag}`);

        // the confirmation step refuses an empty reason: the summary names it, 「！」 at the field
        await page.locator('button[data-action="unlock"]').click();
        await page.locator('.confirm-box').waitFor();
        await page.locator('.confirm-box button[type=submit]').click();
        await page.locator('.confirm-box .error-summary').waitFor();
        expect(await page.locator('.confirm-box .error-summary').innerText()).toContain('理由');
        expect(await page.locator('.confirm-box .field.invalid .mark').count()).toBeGreaterThanOrEqual(1);
        await page.screenshot({ path: `${SHOTS}/applicant-action-errors-ja-${tag}.png`, fullPage: true });
        await check(page, `action with errors ${tag}`);
        await page.fill('.confirm-box [name=reason]', '窓口で本人確認のうえロック解除');
        await page.fill('.confirm-box [name=receptionNumber]', 'R-2026-0001');
        await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'unlock'), page.locator('.confirm-box button[type=submit]').click()]);
        expect(await page.locator('.state-line').innerText()).not.toContain('ロック中');
        expect(await page.locator('button[data-action="unlock"]').count()).toBe(0);
        // the applicant logs in at once
        const login = await gqlAt(app.url, LOGIN, { input: { authId: applicant.authId, password: applicant.password } });
        expect(login.data?.login?.__typename).toBe('LoginSuccess');

        await act(page, 'suspend', { reason: '申出により利用停止' });
        expect(await page.locator('.state-line').innerText()).toContain('利用停止');
        await act(page, 'resume', { reason: '申出により再開' });
        expect(await page.locator('.state-line').innerText()).toContain('有効');
        await act(page, 'resetLink', { reason: 'パスワード再設定の申出' });
        await act(page, 'renotify', { reason: '認証IDの再通知の申出' });
        expect(await page.locator('.done-box').innerText()).toContain('***');
        await act(page, 'expiry', { usageExpiresOn: '2030-03-31', reason: '在留期限まで' });
        expect(await page.locator('.applicant-data').innerText()).toMatch(/2030\/0[34]\/0?\d/);
        await act(page, 'emailCorrection', { newEmail: `new-${applicant.email}`, reason: 'アドレス誤記の訂正' });
        await act(page, 'deletion', { reason: '抹消の申出', receptionNumber: 'R-2026-0002' });
        await page.screenshot({ path: `${SHOTS}/applicant-detail-ja-${tag}.png`, fullPage: true });

        // the requester is not offered a decision on their own request (the API refuses it too: SelfApprovalError)
        await page.goto(`${app.url}/staff/approvals`);
        await expect.poll(() => page.locator('.approvals-table tbody tr').count()).toBeGreaterThanOrEqual(2);
        await check(page, `approvals ${tag}`);
        const own = page.locator(`.approvals-table tr:has-text("${applicant.authId}"):has-text("抹消")`);
        expect(await own.locator('button').count()).toBe(0);
        expect(await own.innerText()).toContain('自分の依頼');
        await page.screenshot({ path: `${SHOTS}/approvals-own-ja-${tag}.png`, fullPage: true });
      });

      // another supervisor approves: the account is deleted
      await withPage({ javaScript }, async (page) => {
        await staffMember(page, 'SUPERVISOR', '統括 二子');
        await page.goto(`${app.url}/staff/approvals`);
        // the e-mail correction is rejected, the deletion approved
        await page.locator(`.approvals-table tr:has-text("${applicant.authId}"):has-text("メールアドレス訂正") button.reject`).click();
        await page.locator('.confirm-box').waitFor();
        // a decision needs its reason: said on the confirmation step, which stays
        await page.locator('.confirm-box button[type=submit]').click();
        await page.locator('.confirm-box .error-summary').waitFor();
        expect(await page.locator('.confirm-box .error-summary').innerText()).toContain('判断の理由');
        await check(page, `approval with errors ${tag}`);
        await page.screenshot({ path: `${SHOTS}/approval-errors-ja-${tag}.png`, fullPage: true });
        await page.fill('.confirm-box [name=reason]', '申出書と一致しない');
        await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'rejected'), page.locator('.confirm-box button[type=submit]').click()]);
        await page.locator(`.approvals-table tr:has-text("${applicant.authId}"):has-text("抹消") button.approve`).click();
        await page.locator('.confirm-box').waitFor();
        await page.fill('.confirm-box [name=reason]', '申出書を確認した');
        await Promise.all([page.waitForURL((u) => u.searchParams.get('done') === 'approved'), page.locator('.confirm-box button[type=submit]').click()]);
        await page.goto(`${app.url}/staff/applicants/${applicant.authId}`);
        expect(await page.locator('.state-line').innerText()).toContain('抹消');
        expect(await page.locator('.action-list button').count()).toBe(0);
      });
    });
  }

  it('認証ID re-notice by name, date of birth and e-mail (only the masked address shown); an auditor only reads', async () => {
    const applicant = await activeAccount(app);
    await withPage({ javaScript: false }, async (page) => {
      await staffMember(page, 'COUNTER_CLERK', '窓口 六子');
      await page.goto(`${app.url}/staff/applicants/renotify`);
      await page.locator('main form button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      for (const label of ['氏名', '生年月日', 'メールアドレス', '理由']) expect(await page.locator('.error-summary').innerText()).toContain(label);
      await check(page, 'renotify with errors');
      await page.fill('#field-name', 'houmu taro');
      await page.fill('#field-birthDate', '1990-04-01');
      await page.fill('#field-email', applicant.email);
      await page.fill('#field-reason', '認証ID確認申出書による');
      await page.locator('main form button[type=submit]').click();
      await page.locator('.done-box').waitFor();
      const done = await page.locator('.done-box').innerText();
      expect(done).toContain('***');
      expect(done).not.toContain(applicant.email);
      expect(done).not.toContain(applicant.authId);
      await page.screenshot({ path: `${SHOTS}/renotify-done-ja-nojs.png`, fullPage: true });
    });
    await withPage({ javaScript: true }, async (page) => {
      await staffMember(page, 'AUDITOR', '監査 三子');
      // a filter the API refuses is a form error at its field
      await page.goto(`${app.url}/staff/applicants?birthDate=1990-13-45`);
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').innerText()).toContain('生年月日');
      expect(await page.locator('.field.invalid #field-birthDate').count()).toBe(1);
      expect(await page.locator('.applicants-table').count()).toBe(0);
      await check(page, 'search with errors');
      await page.goto(`${app.url}/staff/applicants/${applicant.authId}`);
      expect(await page.locator('main').innerText()).toContain('閲覧のみ');
      expect(await page.locator('.action-list button').count()).toBe(0);
    });
  });

  it('no serious or critical axe violation on the pages above', () => {
    expect(a11y, a11y).toBe('');
  });
});
