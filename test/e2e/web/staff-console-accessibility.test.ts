import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { totpCode } from '../../support/totp.js';
import { seriousViolations, startWebSuite, stopWebSuite, tag, type Variant } from '../support/web-ui.js';
import { STAFF_PASSWORD, createAdmin, freshLoginId } from '../support/staff-ui.js';

vi.setConfig({ testTimeout: 240_000 });

/**
 * axe-core on every page of the staff console, in each of its states (empty, with errors, confirmation steps, done
 * messages, the 403 and 404 pages), in Japanese with JavaScript and in English without it: no violation of impact
 * serious or critical. The walk runs at 768 px wide (staff.md: usable at 768 px), and every page must fit it without
 * sideways scrolling. Every page is checked before the test fails, so one run lists them all.
 */
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});
afterAll(() => stopWebSuite(app, browser));

async function walk(v: Variant): Promise<{ report: string; checked: string[] }> {
  // axe needs script in the page: "JavaScript off" is the app's own script refused (as accessibility.test.ts does)
  const context = await newContext(browser, { ...v, javaScript: true });
  if (!v.javaScript) await context.route(/\/_app\/.*\.js(\?.*)?$/, (route) => route.abort());
  const page = await context.newPage();
  await page.setViewportSize({ width: 768, height: 900 });
  const checked: string[] = [];
  let report = '';
  const check = async (label: string) => {
    checked.push(label);
    report += await seriousViolations(page, label);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 768) report += `${label} (${page.url()}): ${wide} px wide at 768 px\n`;
  };
  const submit = (p: Page) => p.locator('main form button[type=submit]').first().click();
  try {
    const admin = await createAdmin(app, { name: '監査 花子', roles: 'STAFF_ADMIN,AUDITOR' });
    await page.goto(`${app.url}/staff/enrol`);
    await check('enrolment, no link');
    await page.goto(admin.link);
    await page.waitForURL((u) => u.pathname === '/staff/enrol' && !u.search);
    await check('enrolment');
    await submit(page);
    await page.locator('.error-summary').waitFor();
    await check('enrolment with errors');
    const secret = (await page.locator('.totp-secret').innerText()).trim();
    await page.fill('#field-password', STAFF_PASSWORD);
    await page.fill('#field-passwordConfirmation', STAFF_PASSWORD);
    await page.fill('#field-totpCode', totpCode(secret, new Date()));
    await Promise.all([page.waitForURL(/m=enrolled/), submit(page)]);
    await check('login, enrolled');

    await submit(page);
    await page.locator('.error-summary').waitFor();
    await check('login with errors');
    await page.fill('#field-loginId', admin.loginId);
    await page.fill('#field-password', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/staff\/login\/verify$/), submit(page)]);
    await check('second factor');
    await page.fill('#field-code', 'abc');
    await submit(page);
    await page.locator('.error-summary').waitFor();
    await check('second factor with errors');
    await page.fill('#field-code', totpCode(secret, new Date(), 1));
    await Promise.all([page.waitForURL((u) => u.pathname === '/staff'), submit(page)]);
    await check('dashboard');

    await page.goto(`${app.url}/staff/members`);
    await check('staff list');
    await page.goto(`${app.url}/staff/members/new`);
    await check('new member');
    await submit(page);
    await page.locator('.error-summary').waitFor();
    await check('new member with errors');
    await page.fill('#field-loginId', freshLoginId('a11y'));
    await page.fill('#field-name', '窓口 五郎');
    await page.selectOption('#field-bureau', 'SENDAI');
    await page.check('input[name=roles][value=COUNTER_CLERK]');
    await submit(page);
    await page.locator('.confirm-box').waitFor();
    await check('new member, confirmation');
    await Promise.all([page.waitForURL(/done=created/), page.locator('.confirm-box button[formaction="?/create"]').click()]);
    await check('member, created');
    await page.locator('#disable-submit').click();
    await page.locator('.confirm-box').waitFor();
    await check('member, confirm disabling');
    await page.locator('.confirm-box a.button').click();
    await page.locator('#roles-submit').waitFor();
    await page.uncheck('input[name=roles][value=COUNTER_CLERK]');
    await page.locator('#roles-submit').click();
    await page.locator('.error-summary').waitFor();
    await check('member, roles with errors');

    await page.goto(`${app.url}/staff/no-such-page`);
    await check('not found');
    await page.goto(`${app.url}/staff`);
    await Promise.all([page.waitForURL(/m=loggedOut/), page.locator('form[action="/staff/logout"] button').click()]);
    await check('logged out');
  } finally {
    await context.close();
  }
  return { report, checked };
}

describe('staff console accessibility (axe-core: no serious or critical violation; fits 768 px)', () => {
  const variants: Variant[] = [
    { locale: 'ja', javaScript: true },
    { locale: 'en', javaScript: false },
  ];
  for (const v of variants) {
    it(`every console page, ${tag(v)}`, async () => {
      const { report, checked } = await walk(v);
      expect(checked.length).toBeGreaterThanOrEqual(17);
      expect(report, `axe / width:\n${report}`).toBe('');
    });
  }
});
