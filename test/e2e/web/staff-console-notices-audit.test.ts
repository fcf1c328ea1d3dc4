import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { seriousViolations, startWebSuite, stopWebSuite } from '../support/web-ui.js';
import { createAdmin, enrolWithTotpUi, loginWithTotpUi } from '../support/staff-ui.js';

vi.setConfig({ testTimeout: 240_000 });

/**
 * The console's notices editor (errors, ja/en side by side, preview, save with a window, the top page, withdraw through
 * a confirmation step) and audit viewer (chain status, a filter, the CSV download) (docs/spec/staff.md "Staff
 * console"), with JavaScript on and off; axe on each page.
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

describe('staff console: notices, audit', () => {
  for (const javaScript of [true, false]) {
    const tag = javaScript ? 'js' : 'nojs';
    const title = `システムメンテナンスのお知らせ（${tag}）`;
    it(`notices: errors, preview, save with a window, the top page, withdraw — JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      await withPage({ javaScript }, async (page) => {
        await staffMember(page, 'NOTICE_EDITOR', '広報 花子');
        await page.goto(`${app.url}/staff/notices`);
        await check(page, `notices ${tag}`);
        await Promise.all([page.waitForURL(/\/staff\/notices\/new$/), page.locator('main a[href="/staff/notices/new"]').click()]);
        await page.locator('#notice-save').click();
        await page.locator('.error-summary').waitFor();
        const summary = await page.locator('.error-summary').innerText();
        expect(summary).toContain('タイトル（日本語）');
        expect(summary).toContain('本文（英語）');
        await check(page, `notice with errors ${tag}`);
        await page.fill('#field-titleJa', title);
        await page.fill('#field-bodyJa', '12月24日はメンテナンスのため停止します。\nご不便をおかけします。');
        await page.fill('#field-titleEn', 'Scheduled maintenance');
        await page.fill('#field-bodyEn', 'The system stops on 24 December for maintenance.');
        await page.fill('#field-publishFrom', '2026-01-01');
        await page.locator('#notice-preview').click();
        await page.locator('.preview').waitFor();
        expect(await page.locator('.preview').innerText()).toContain(`[2026/01/01] ${title}`);
        expect(await page.locator('#field-titleEn').inputValue()).toBe('Scheduled maintenance');
        await page.screenshot({ path: `${SHOTS}/notice-preview-ja-${tag}.png`, fullPage: true });
        await check(page, `notice preview ${tag}`);
        await Promise.all([page.waitForURL(/\/staff\/notices\/[^/]+\?done=saved$/), page.locator('#notice-save').click()]);
        expect(await page.locator('.notice-state').innerText()).toBe('公開中');
        const top = await (await fetch(`${app.url}/`)).text();
        expect(top).toContain(title);

        await page.locator('#withdraw-submit').click();
        await page.locator('.confirm-box').waitFor();
        await check(page, `notice withdraw confirmation ${tag}`);
        await Promise.all([page.waitForURL(/done=withdrawn$/), page.locator('.confirm-box button[type=submit]').click()]);
        expect(await page.locator('.notice-state').innerText()).toBe('取下げ');
        expect(await (await fetch(`${app.url}/`)).text()).not.toContain(title);
      });
    });

    it(`audit viewer: chain status, a filter, the CSV download — JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      await withPage({ javaScript }, async (page) => {
        await staffMember(page, 'AUDITOR', '監査 次郎');
        await page.goto(`${app.url}/staff/audit`);
        expect(await page.locator('.chain-ok').innerText()).toContain('正常');
        await page.fill('#field-action', 'STAFF_LOGIN_SUCCEEDED');
        await Promise.all([page.waitForURL(/action=STAFF_LOGIN_SUCCEEDED/), page.locator('#audit-search').click()]);
        const actions = await page.locator('.audit-action').allInnerTexts();
        expect(actions.length).toBeGreaterThan(0);
        expect(new Set(actions)).toEqual(new Set(['STAFF_LOGIN_SUCCEEDED']));
        await page.screenshot({ path: `${SHOTS}/audit-ja-${tag}.png`, fullPage: true });
        await check(page, `audit ${tag}`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#audit-csv').click()]);
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        expect(csv).toContain('STAFF_LOGIN_SUCCEEDED');
        expect(csv).not.toContain('STAFF_ENROLLED');
      });
    });

  }

  it('no serious or critical axe violation on the pages above', () => {
    expect(a11y, a11y).toBe('');
  });
});
