import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { startWebSuite, stopWebSuite } from '../support/web-ui.js';
import { createAdmin, enrolWithTotpUi, enrolmentMailLink, freshLoginId, loginWithTotpUi } from '../support/staff-ui.js';

vi.setConfig({ testTimeout: 180_000 });

/**
 * Staff administration in the console (`/staff/members`, STAFF_ADMIN; docs/spec/staff.md "Staff console"): the list,
 * creating a member (form → confirmation → the enrolment mail, which really enrols), setting roles, resetting the
 * second factor (a new mail) and disabling — each through a confirmation step — with JavaScript on and off; not on
 * oneself; a member without the role gets the 403 page.
 */
let app: WebApp;
let browser: Browser;
const SHOTS = '/tmp/s4-shots';

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});
afterAll(() => stopWebSuite(app, browser));

async function withPage<T>(opts: { javaScript: boolean; locale?: 'ja' | 'en' }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await newContext(browser, opts);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function click(page: Page, selector: string, url: RegExp | ((u: URL) => boolean)) {
  await Promise.all([page.waitForURL(url), page.locator(selector).click()]);
}

describe('staff console: staff administration', () => {
  for (const javaScript of [true, false]) {
    const tag = javaScript ? 'js' : 'nojs';
    it(`create, set roles, reset the second factor, disable — each confirmed — with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const admin = await createAdmin(app, { name: '管理 二郎' });
      const newcomer = freshLoginId('clerk');
      await withPage({ javaScript }, async (page) => {
        const secret = await enrolWithTotpUi(page, admin.link);
        await loginWithTotpUi(page, app.url, admin.loginId, secret);
        await click(page, 'nav a[href="/staff/members"]', (u) => u.pathname === '/staff/members');
        await expect.poll(() => page.locator('.members-table').innerText()).toContain(admin.loginId);
        await page.screenshot({ path: `${SHOTS}/members-ja-${tag}.png`, fullPage: true });

        // the form's errors: every field named in the summary, 「！」 at each
        await click(page, 'main a[href="/staff/members/new"]', (u) => u.pathname === '/staff/members/new');
        await page.locator('main form button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
        const summary = await page.locator('.error-summary').innerText();
        for (const label of ['ログインID', '氏名', '所属', '役割']) expect(summary).toContain(label);
        expect(await page.locator('.field.invalid .mark').count()).toBe(4);
        await page.screenshot({ path: `${SHOTS}/member-new-errors-ja-${tag}.png`, fullPage: true });

        // form → confirmation (戻る keeps everything) → created, the enrolment mail sent
        await page.fill('#field-loginId', newcomer);
        await page.fill('#field-name', '窓口 三郎');
        await page.selectOption('#field-bureau', 'OSAKA');
        await page.check('input[name=roles][value=COUNTER_CLERK]');
        await page.locator('main form button[type=submit]').click();
        await page.locator('.confirm-box').waitFor();
        expect(await page.locator('.confirm-box').innerText()).toContain('大阪出入国在留管理局');
        await page.screenshot({ path: `${SHOTS}/member-new-confirm-ja-${tag}.png`, fullPage: true });
        await page.locator('.confirm-box button[formaction="?/edit"]').click();
        await page.locator('#field-loginId').waitFor();
        expect(await page.locator('#field-loginId').inputValue()).toBe(newcomer);
        expect(await page.locator('input[name=roles][value=COUNTER_CLERK]').isChecked()).toBe(true);
        await page.locator('main form button[type=submit]').click();
        await page.locator('.confirm-box').waitFor();
        await click(page, '.confirm-box button[formaction="?/create"]', (u) => /^\/staff\/members\/[\w-]+$/.test(u.pathname) && u.search === '?done=created');
        await expect.poll(() => page.locator('.done-box').innerText()).toContain(newcomer);
        const memberUrl = page.url().replace(/\?.*$/, '');
        const firstLink = await enrolmentMailLink(app, newcomer);

        // set roles: confirmation shows before → after
        await page.check('input[name=roles][value=SUPERVISOR]');
        await page.locator('#roles-submit').click();
        await page.locator('.confirm-box').waitFor();
        expect(await page.locator('.confirm-box').innerText()).toMatch(/窓口担当 → 窓口担当、統括/);
        await page.screenshot({ path: `${SHOTS}/member-roles-confirm-ja-${tag}.png`, fullPage: true });
        await click(page, '.confirm-box button[type=submit]', (u) => u.search === '?done=roles');
        await expect.poll(() => page.locator('.member-roles').innerText()).toBe('窓口担当、統括');

        // reset the second factor: a new link, the old one dead
        await page.locator('#reset-submit').click();
        await page.locator('.confirm-box').waitFor();
        await click(page, '.confirm-box button[type=submit]', (u) => u.search === '?done=reset');
        const secondLink = await enrolmentMailLink(app, newcomer, [firstLink]);
        expect(secondLink).not.toBe(firstLink);

        // cancel, then disable
        await page.locator('#disable-submit').click();
        await page.locator('.confirm-box').waitFor();
        await click(page, '.confirm-box a.button', (u) => u.href === memberUrl);
        expect(await page.locator('.confirm-box').count()).toBe(0);
        await page.locator('#disable-submit').click();
        await page.locator('.confirm-box').waitFor();
        await click(page, '.confirm-box button[type=submit]', (u) => u.search === '?done=disabled');
        await expect.poll(() => page.locator('.member-status').innerText()).toContain('無効');
        expect(await page.locator('#disable-submit').count()).toBe(0);
        await page.screenshot({ path: `${SHOTS}/member-disabled-ja-${tag}.png`, fullPage: true });

        // not on oneself
        await click(page, 'nav a[href="/staff/members"]', (u) => u.pathname === '/staff/members');
        await click(page, `.members-table tr:has-text("${admin.loginId}") a`, (u) => u.pathname.startsWith('/staff/members/'));
        expect(await page.locator('main .panel').innerText()).toContain('自分自身');
        expect(await page.locator('#disable-submit').count()).toBe(0);
      });
    });
  }

  it('the enrolment mail of a created member enrols; without STAFF_ADMIN the page is refused', async () => {
    const admin = await createAdmin(app, { name: '管理 三郎' });
    const clerk = freshLoginId('clerk');
    await withPage({ javaScript: true }, async (page) => {
      const secret = await enrolWithTotpUi(page, admin.link);
      await loginWithTotpUi(page, app.url, admin.loginId, secret);
      await page.goto(`${app.url}/staff/members/new`);
      await page.fill('#field-loginId', clerk);
      await page.fill('#field-name', '窓口 四郎');
      await page.selectOption('#field-bureau', 'NAHA');
      await page.check('input[name=roles][value=COUNTER_CLERK]');
      await page.locator('main form button[type=submit]').click();
      await page.locator('.confirm-box').waitFor();
      await click(page, '.confirm-box button[formaction="?/create"]', (u) => u.search === '?done=created');
    });
    const link = await enrolmentMailLink(app, clerk);
    await withPage({ javaScript: false }, async (page) => {
      const secret = await enrolWithTotpUi(page, link);
      await loginWithTotpUi(page, app.url, clerk, secret);
      expect(await page.locator('.staff-roles').innerText()).toBe('窓口担当');
      expect(await page.locator('nav a[href="/staff/members"]').count()).toBe(0);
      const res = await page.goto(`${app.url}/staff/members`);
      expect(res!.status()).toBe(403);
      expect(await page.locator('main h1').innerText()).toBe('この画面を利用する権限がありません');
      await page.screenshot({ path: `${SHOTS}/forbidden-ja-nojs.png`, fullPage: true });
    });
  });
});
