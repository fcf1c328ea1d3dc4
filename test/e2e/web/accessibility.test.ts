import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { fillRegistration, pickResidence } from '../support/registration-ui.js';
import { PASSWORD } from '../../support/fixtures.js';
import { activeAccount, freshEmail, registeredAccount, seriousViolations, tag, type Variant, startWebSuite, stopWebSuite } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * axe-core on every page of the newcomer screens and the common pages, in each of its states (empty, with errors,
 * the residence search as a dialog and as a panel, logged in, the error pages), in Japanese with JavaScript and in
 * English without it, and the pages with easy-Japanese readings with furigana (<ruby>) on: no violation of impact
 * serious or critical. Every page is checked before the test fails, so one run lists them all.
 */
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

const BUTTON = {
  ja: { confirm: '確認', register: '登録', login: 'ログイン' },
  en: { confirm: 'Confirm', register: 'Register', login: 'Log in' },
} as const;

/** Walks through every page, collecting axe's report of each. */
async function checkEveryPage(v: Variant): Promise<{ report: string; checked: string[] }> {
  const B = BUTTON[v.locale];
  // axe needs script in the page (its timers do not run where JavaScript is off): "JavaScript off" here is the app's
  // own script refused, so the pages are exactly what the server renders and the forms post natively
  const context = await newContext(browser, { ...v, javaScript: true });
  if (!v.javaScript) await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
  const page = await context.newPage();
  const checked: string[] = [];
  let report = '';
  const check = async (label: string) => {
    checked.push(label);
    report += await seriousViolations(page, label);
  };
  const visit = async (path: string, label: string) => {
    await page.goto(`${app.url}${path}`);
    await check(label);
  };
  try {
    await visit('/', 'top page');
    await visit('/terms', 'terms of use');
    await visit('/no-such-page', 'not found');
    await visit('/session/expired', 'session timed out');
    await visit('/session/superseded', 'double login');
    await visit('/logout', 'logged out');

    // registration: STEP1 empty, with errors, the residence search, STEP2, STEP3
    await visit('/register', 'STEP1');
    await page.getByRole('button', { name: B.confirm, exact: true }).click();
    await page.locator('.error-summary').waitFor();
    await check('STEP1 with errors');
    const email = freshEmail('a11y');
    await fillRegistration(page, { email });
    await page.locator('.residence-row button').click();
    await page.locator('dialog[open], #residence-search').first().waitFor();
    // the app's script ran where it should, and only there
    expect(await page.locator('dialog[open]').count()).toBe(v.javaScript ? 1 : 0);
    if (v.javaScript) {
      await page.selectOption('#dialog-prefecture', { index: 13 });
      await page.locator('dialog .search-results button').first().waitFor();
      await check('STEP1 residence search dialog');
      await page.keyboard.press('Escape');
    } else {
      await check('STEP1 residence search panel');
    }
    await pickResidence(page, { prefecture: '東京都', search: 'ちよ' });
    await page.getByRole('button', { name: B.confirm, exact: true }).click();
    await page.locator('dl.confirm-list').waitFor();
    await check('STEP2');
    await page.getByRole('button', { name: B.register, exact: true }).click();
    await page.waitForURL(/\/register\/done$/);
    await check('STEP3');

    // set password: the form, its errors, the completion, a used link, no link
    const account = await registeredAccount(app);
    await page.goto(account.link);
    await page.waitForURL((u) => u.pathname === '/password/set');
    await check('set password');
    await page.fill('#field-password', 'abc');
    await page.fill('#field-passwordConfirmation', 'abd');
    await page.getByRole('button', { name: B.register, exact: true }).click();
    await page.locator('.error-summary').waitFor();
    await check('set password with errors');
    await page.fill('#field-password', PASSWORD);
    await page.fill('#field-passwordConfirmation', PASSWORD);
    await page.getByRole('button', { name: B.register, exact: true }).click();
    await page.waitForURL(/\/password\/set\/done$/);
    await check('password set');
    // a used link is refused as soon as it is opened
    await page.goto(account.link);
    await page.locator('.error-summary .error-line').waitFor();
    await check('set password, used link');
    await context.clearCookies();
    await visit('/password/set', 'set password without a link');

    // login, its errors, the menu
    await visit('/login', 'login');
    await page.getByRole('button', { name: B.login, exact: true }).click();
    await page.locator('.error-summary').waitFor();
    await check('login with errors');
    const user = await activeAccount(app);
    await page.fill('#field-authId', user.authId);
    await page.fill('#field-password', PASSWORD);
    await page.getByRole('button', { name: B.login, exact: true }).click();
    await page.waitForURL(/\/menu$/);
    await check('menu');

    // the system error page
    await app.sql('alter table notice rename to notice_a11y_hidden');
    try {
      await visit('/', 'system error');
      expect(await page.locator('main').innerText()).toContain('WZBAM098E');
    } finally {
      await app.sql('alter table notice_a11y_hidden rename to notice');
    }
  } finally {
    await context.close();
  }
  return { report, checked };
}

describe('axe-core on every page', () => {
  it.each([
    { locale: 'ja', javaScript: true },
    { locale: 'en', javaScript: false },
  ] as Variant[])('$locale, JavaScript $javaScript: no serious or critical violation on any page', async (v) => {
    const { report, checked } = await checkEveryPage(v);
    expect(checked.length, `pages checked in ${tag(v)}`).toBeGreaterThanOrEqual(20);
    expect(report, `axe: serious/critical violations (${tag(v)}):\n${report}`).toBe('');
  }, 240_000);

  it('ja, JavaScript false, furigana on: the pages with readings have no serious or critical violation either', async () => {
    const context = await newContext(browser, { locale: 'ja', javaScript: true });
    await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
    const page = await context.newPage();
    let report = '';
    try {
      await page.goto(`${app.url}/?furigana=on`);
      for (const [path, label] of [['/', 'top page'], ['/register', 'STEP1'], ['/login', 'login'], ['/logout', 'logged out'], ['/session/expired', 'session timed out']]) {
        await page.goto(`${app.url}${path}`);
        expect(await page.locator('main ruby').count(), `readings on ${label}`).toBeGreaterThan(0);
        report += await seriousViolations(page, `${label} with furigana`);
      }
      await page.goto(`${app.url}/register`);
      await page.getByRole('button', { name: '確認', exact: true }).click();
      await page.locator('.error-summary').waitFor();
      report += await seriousViolations(page, 'STEP1 with errors, with furigana');
      await page.locator('.residence-row button').click();
      await page.locator('#residence-search').waitFor();
      report += await seriousViolations(page, 'STEP1 residence search panel, with furigana');
    } finally {
      await context.close();
    }
    expect(report, `axe: serious/critical violations (furigana on):\n${report}`).toBe('');
  }, 120_000);
});

/** The checker itself: a page with a known serious violation is reported. */
describe('the axe check', () => {
  it('reports a serious violation when there is one', async () => {
    const context = await newContext(browser, { locale: 'ja', javaScript: true });
    // the server's page as it is (the app's script would re-render what the test breaks)
    await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
    const page: Page = await context.newPage();
    try {
      await page.goto(`${app.url}/login`);
      // an input that loses its label, as a broken page would have it
      await page.evaluate(() => document.querySelector('label[for=field-authId]')?.remove());
      const report = await seriousViolations(page, 'login without a label');
      expect(report).toMatch(/\[critical\] label:/);
      expect(report).toContain('#field-authId');
    } finally {
      await context.close();
    }
  });
});
