import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { changePasswordUi, hydrated, requestResetUi, submitPrimary } from '../support/account-ui.js';
import { VARIANTS, activeAccount, freshEmail, loginThroughUi, seriousViolations, shot, tag, type Variant, startWebSuite, stopWebSuite } from '../support/web-ui.js';

/**
 * axe-core on the self-service pages (screens 7–13) in each of their states, with JavaScript on, Japanese and
 * English: 利用者情報表示, 利用者情報変更 (empty, with the residence search dialog, with a summary-only error and with
 * field errors), both kinds of 更新完了 (without and with the mail text), パスワード変更 (plain, with an error, in the
 * restricted session after WZBAM158E) and its 更新完了, パスワード再設定 (plain, with WZBAM168E) and its completion.
 * No violation of impact serious or critical; within a test every page is checked before it fails, so one run lists
 * them all. (That the checker reports a violation when there is one is accessibility.test.ts's business.)
 */
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

/** A browser page and an axe check that waits for the expected path and collects the findings. */
async function withChecker(v: Variant, walk: (page: Page, check: (label: string, path: string) => Promise<void>) => Promise<void>) {
  const context = await newContext(browser, v);
  const page = await context.newPage();
  const checked: string[] = [];
  let report = '';
  try {
    await walk(page, async (label, path) => {
      await page.waitForURL((u) => u.pathname === path);
      checked.push(label);
      report += await seriousViolations(page, label);
    });
  } finally {
    await context.close();
  }
  return { checked, report };
}

function expectNoViolation(result: { checked: string[]; report: string }, pages: number): void {
  expect(result.checked).toHaveLength(pages);
  expect(result.report, `axe: serious/critical violations\n${result.report}`).toBe('');
}

const TIMEOUT = 180_000;

describe.each(VARIANTS.filter((v) => v.javaScript))('self-service pages, axe', (v: Variant) => {
  it(`${tag(v)}: 利用者情報表示, 利用者情報変更 (empty, search dialog, errors) and both 更新完了`, async () => {
    const account = await activeAccount(app);
    const result = await withChecker(v, async (page, check) => {
      await loginThroughUi(page, app.url, account.authId, account.password);
      await page.goto(`${app.url}/account`);
      await check('利用者情報表示', '/account');
      await page.goto(`${app.url}/account/edit`);
      await check('利用者情報変更', '/account/edit');
      await hydrated(page);
      await page.locator('.residence-row button').click();
      await page.locator('dialog[open] .search-results button').first().waitFor();
      await check('利用者情報変更, the residence search dialog', '/account/edit');
      await page.keyboard.press('Escape');
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
      // nothing filled in: WZBAM245E
      await submitPrimary(page);
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').innerText()).toContain('WZBAM245E');
      await check('利用者情報変更 with WZBAM245E', '/account/edit');
      // field errors: a malformed phone number, addresses that differ
      await page.fill('#field-phone', '03-ABC');
      await page.fill('#field-email', 'new@example.jp');
      await page.fill('#field-emailConfirmation', 'other@example.jp');
      await submitPrimary(page);
      await page.locator('#field-emailConfirmation[aria-invalid=true]').waitFor();
      expect(await page.locator('.field-error').count()).toBeGreaterThanOrEqual(2);
      await shot(page, 'account-edit-errors', v);
      await check('利用者情報変更 with field errors', '/account/edit');
      // 9 without mail (a new phone number) and with it (a new address)
      await page.fill('#field-phone', '0987654321');
      await page.fill('#field-email', '');
      await page.fill('#field-emailConfirmation', '');
      await submitPrimary(page);
      await check('更新完了 (no mail)', '/account/updated');
      await page.goto(`${app.url}/account/edit`);
      const newEmail = freshEmail('a11ymoved');
      await page.fill('#field-email', newEmail);
      await page.fill('#field-emailConfirmation', newEmail);
      await submitPrimary(page);
      await check('更新完了 (mail)', '/account/updated');
      expect(await page.locator('.done-mail .address').innerText()).toBe(newEmail);
    });
    expectNoViolation(result, 7);
  }, TIMEOUT);

  it(`${tag(v)}: パスワード変更 (plain, with WZBAM154E, restricted after WZBAM158E) and its 更新完了`, async () => {
    const [account, expired] = await Promise.all([activeAccount(app), activeAccount(app)]);
    await app.sql(`update user_account set password_changed_at = now() - interval '400 days' where auth_id = $1`, [expired.authId]);
    const result = await withChecker(v, async (page, check) => {
      await loginThroughUi(page, app.url, account.authId, account.password);
      await page.goto(`${app.url}/account/password`);
      await check('パスワード変更', '/account/password');
      await changePasswordUi(page, 'Wrong7$Password', 'Nago5$Castle!');
      await page.locator('#field-currentPassword[aria-invalid=true]').waitFor();
      await check('パスワード変更 with WZBAM154E', '/account/password');
      await changePasswordUi(page, account.password, 'Nago5$Castle!');
      await check('パスワード変更 更新完了', '/account/password/done');
      await page.context().clearCookies();
      await loginThroughUi(page, app.url, expired.authId, expired.password);
      await page.locator('.expired-notice').waitFor();
      await check('パスワード変更 (WZBAM158E)', '/account/password');
    });
    expectNoViolation(result, 4);
  }, TIMEOUT);

  it(`${tag(v)}: パスワード再設定 (plain, with WZBAM168E) and 利用者情報確認完了`, async () => {
    const account = await activeAccount(app);
    const result = await withChecker(v, async (page, check) => {
      await page.goto(`${app.url}/password/forgot`);
      await check('パスワード再設定', '/password/forgot');
      await requestResetUi(page, app.url, account.authId, 'nobody@example.jp');
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').innerText()).toContain('WZBAM168E');
      await check('パスワード再設定 with WZBAM168E', '/password/forgot');
      await requestResetUi(page, app.url, account.authId, account.email);
      await check('利用者情報確認完了', '/password/forgot/sent');
    });
    expectNoViolation(result, 3);
  }, TIMEOUT);
});
