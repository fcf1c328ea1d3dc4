import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { VARIANTS, activeAccount, expectAccessible, loginThroughUi, shot, tag, type Variant, startWebSuite, stopWebSuite } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * Session timeout (screen 15) with a short idle limit: 125 s, so the warning dialog — due 2 minutes before the
 * timeout — shows about 5 s after a page loads. The server's side of the timeout is reached without waiting: the test
 * moves the session's last activity back in the database (as if the user had been away), then the browser's next
 * request meets the server's verdict.
 */
const IDLE_SECONDS = 125;
const WARN_AFTER_MS = (IDLE_SECONDS - 120) * 1000;

const TEXT = {
  ja: {
    warningTitle: 'まもなくタイムアウトします',
    warning: 'あと2分ほど操作がないと、自動的にログアウトします。',
    continue: '続ける',
    expiredTitle: 'セッションタイムアウト',
    // the configured idle limit, not the manual's 30 minutes
    expired: '一定時間（125秒）操作がなかったため、ログアウトしました。',
    toLogin: 'ログインページへ',
    menuTitle: 'メニュー',
  },
  en: {
    warningTitle: 'Your session is about to time out',
    warning: 'You will be logged out in about 2 minutes without activity.',
    continue: 'Continue',
    expiredTitle: 'Session timed out',
    expired: 'You were logged out because there was no activity for 125 seconds.',
    toLogin: 'To the login page',
    menuTitle: 'Menu',
  },
} as const;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000', SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS) });
});

afterAll(() => stopWebSuite(app, browser));

/** As if the user had done nothing for `seconds`: the session's last activity moves back. */
async function idleFor(authId: string, seconds: number): Promise<void> {
  const rows = await app.sql(
    `update session s set last_seen_at = now() - make_interval(secs => $2)
       from user_account u where s.user_id = u.id and u.auth_id = $1 and s.revoked_at is null returning s.id`,
    [authId, seconds],
  );
  expect(rows).toHaveLength(1);
}

async function lastSeenAgoSeconds(authId: string): Promise<number> {
  const [row] = await app.sql<{ ago: number }>(
    `select extract(epoch from now() - s.last_seen_at)::float8 as ago from session s join user_account u on u.id = s.user_id
      where u.auth_id = $1 and s.revoked_at is null`,
    [authId],
  );
  return row.ago;
}

function dialog(page: Page) {
  return page.locator('dialog.timeout-dialog');
}

describe.each(VARIANTS.filter((v) => v.javaScript))('the timeout warning (JavaScript on)', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: the dialog shows 2 minutes before the timeout; 続ける keeps the session alive on the server`, async () => {
    const account = await activeAccount(app);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await loginThroughUi(page, app.url, account.authId);
      expect(new URL(page.url()).pathname).toBe('/menu');
      const loadedAt = Date.now();
      expect(await dialog(page).isVisible()).toBe(false);

      // shown about IDLE−120 s after the page loaded, as a modal dialog named by its title
      const warning = page.getByRole('dialog', { name: T.warningTitle });
      await warning.waitFor({ state: 'visible', timeout: WARN_AFTER_MS + 10_000 });
      const after = Date.now() - loadedAt;
      expect(after).toBeGreaterThan(WARN_AFTER_MS - 1500);
      expect(await warning.innerText()).toContain(T.warning);
      expect(await page.evaluate(() => document.querySelector('dialog.timeout-dialog')?.matches(':modal'))).toBe(true);
      await shot(page, 'session-timeout-dialog', v);
      await expectAccessible(page, 'the timeout dialog');

      // seconds before the server would end the session, the user presses 続ける
      const margin = 5;
      await idleFor(account.authId, IDLE_SECONDS - margin);
      const deadline = Date.now() + margin * 1000;
      await warning.getByRole('button', { name: T.continue }).click();
      await warning.waitFor({ state: 'hidden' });
      // the server saw the activity: the idle deadline slid
      expect(await lastSeenAgoSeconds(account.authId)).toBeLessThan(margin);
      // past the old deadline the session is still alive
      await page.waitForTimeout(Math.max(0, deadline - Date.now()) + 1000);
      await page.reload();
      expect(new URL(page.url()).pathname).toBe('/menu');
      expect(await page.locator('main h1').innerText()).toBe(T.menuTitle);
      // and the warning is scheduled again
      await warning.waitFor({ state: 'visible', timeout: WARN_AFTER_MS + 10_000 });
    } finally {
      await context.close();
    }
  });

  it(`${tag(v)}: left alone, the page goes to the timeout page by itself when the time is up`, async () => {
    const account = await activeAccount(app);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      // the page's clock is the test's: the full idle time passes without waiting for it
      await page.clock.install();
      await loginThroughUi(page, app.url, account.authId);
      expect(new URL(page.url()).pathname).toBe('/menu');
      await page.clock.runFor(WARN_AFTER_MS + 500);
      await page.getByRole('dialog', { name: T.warningTitle }).waitFor();
      // nobody answers; the server's idle limit passes too
      await idleFor(account.authId, IDLE_SECONDS + 5);
      await page.clock.runFor((IDLE_SECONDS - 120) * 1000 + 120_000);
      await page.clock.resume();
      await page.waitForURL(/\/session\/expired$/);
      expect(await page.locator('main h1').innerText()).toBe(T.expiredTitle);
      await page.goto(`${app.url}/menu`);
      await page.waitForURL(/\/(login|session\/expired)$/);
      expect(await page.locator('.userline').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe.each(VARIANTS)('the server-side timeout', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: after the idle limit the next page is the timeout page, and the session is gone`, async () => {
    const account = await activeAccount(app);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await loginThroughUi(page, app.url, account.authId);
      expect(new URL(page.url()).pathname).toBe('/menu');
      // without JavaScript no dialog ever opens
      if (!v.javaScript && v.locale === 'ja') {
        await page.waitForTimeout(WARN_AFTER_MS + 1000);
        expect(await page.locator('dialog[open]').count()).toBe(0);
      }

      await idleFor(account.authId, IDLE_SECONDS + 5);
      await page.goto(`${app.url}/menu`);
      await page.waitForURL(/\/session\/expired$/);
      expect(await page.locator('main h1').innerText()).toBe(T.expiredTitle);
      expect(await page.locator('main').innerText()).toContain(T.expired);
      expect(await page.locator('.userline').count()).toBe(0);
      await shot(page, 'session-expired', v);

      // the cookie is gone and the session with it: the menu asks for a login, the login link works
      expect((await context.cookies()).some((c) => c.name === 'session')).toBe(false);
      await page.getByRole('link', { name: T.toLogin }).click();
      await page.waitForURL(/\/login$/);
      await page.goto(`${app.url}/menu`);
      await page.waitForURL(/\/login$/);
    } finally {
      await context.close();
    }
  });
});
