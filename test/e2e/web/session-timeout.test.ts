import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { launchChromium, newContext } from '../../support/browser.js';
import { gqlAt } from '../../support/server-process.js';
import { LOGIN, LOGOUT } from '../../support/fixtures.js';
import { VARIANTS, activeAccount, expectAccessible, loginThroughUi, shot, tag, type Variant, startWebSuite, stopWebSuite } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * Session timeout (screen 15) with a short idle limit: 130 s, so the warning dialog — due 2 minutes before the
 * server's idle deadline — shows about 10 s after the server last saw the session. The server's side of the timeout
 * is reached without waiting: the test moves the session's last activity back in the database (as if the user had
 * been away), then the browser's next request meets the server's verdict; where the page's own clock must pass the
 * deadline, the test moves that clock (page.clock).
 */
const IDLE_SECONDS = 130;
const WARN_AFTER_MS = (IDLE_SECONDS - 120) * 1000;

const TEXT = {
  ja: {
    warningTitle: 'まもなくタイムアウトします',
    warning: 'このまま操作がないと、あと',
    // the time left, as the dialog counts it down
    timeLeft: /あと(?:(\d+)分)?(?:(\d+)秒)?で自動的にログアウトします/,
    continue: '続ける',
    logout: 'ログアウト',
    loggedOutTitle: 'ログアウト',
    expiredTitle: 'セッションタイムアウト',
    // the configured idle limit, not the manual's 30 minutes
    expired: '一定時間（130秒）操作がなかったため、ログアウトしました。',
    toLogin: 'ログインページへ',
    menuTitle: 'メニュー',
  },
  en: {
    warningTitle: 'Your session is about to time out',
    warning: 'Without activity you will be logged out in',
    timeLeft: /logged out in (?:(\d+) minutes?)? ?(?:(\d+) seconds?)?\./,
    continue: 'Continue',
    logout: 'Log out',
    loggedOutTitle: 'Logged out',
    expiredTitle: 'Session timed out',
    expired: 'You were logged out because there was no activity for 130 seconds.',
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

/** A fresh account logged in through the UI in a new browser context, closed afterwards; `clock` installs the page's clock first. */
async function withLoggedInPage(
  v: Variant,
  body: (s: { page: Page; context: BrowserContext; account: Awaited<ReturnType<typeof activeAccount>> }) => Promise<void>,
  opts: { browser?: Browser; clock?: boolean } = {},
): Promise<void> {
  const account = await activeAccount(app);
  const context = await newContext(opts.browser ?? browser, v);
  const page = await context.newPage();
  try {
    if (opts.clock) await page.clock.install();
    await loginThroughUi(page, app.url, account.authId);
    await body({ page, context, account });
  } finally {
    await context.close();
  }
}

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

/** When the server last saw the session (epoch ms; the server and the database run on this machine's clock). */
async function lastSeenAt(authId: string): Promise<number> {
  const [row] = await app.sql<{ at: Date }>(
    `select s.last_seen_at as at from session s join user_account u on u.id = s.user_id where u.auth_id = $1 and s.revoked_at is null`,
    [authId],
  );
  return row.at.getTime();
}

function dialog(page: Page) {
  return page.locator('dialog.timeout-dialog');
}

/** The seconds the open warning says are left. */
async function secondsShown(page: Page, T: (typeof TEXT)[keyof typeof TEXT]): Promise<number> {
  const text = await dialog(page).innerText();
  const m = T.timeLeft.exec(text);
  if (!m) throw new Error(`no time left in the dialog: ${text}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/** What the account pages show of a user (the frame's header, the menu, 利用者情報): none of it may outlive the session. */
function personalData(account: { authId: string; email: string }): string[] {
  return ['HOUMU TARO', '1990', '霞が関１－１－１', '0312345678', account.authId, account.email];
}

/** The personal data the page shows now (wait for the navigation to end first: for its address). */
async function shownPersonalData(page: Page, account: { authId: string; email: string }): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return personalData(account).filter((item) => text.includes(item));
}

/** The session token in the browser's cookie, as another device or tab would use it. */
async function sessionToken(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'session');
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

/**
 * menu → 利用者情報 → 戻る while the session is alive: the history an old tab has. What carried the pages — documents
 * without JavaScript, the loads' data (__data.json) with it — was not for any cache to keep.
 */
async function browseAccountPages(page: Page, account: { authId: string; email: string }): Promise<void> {
  const answers: { url: string; cacheControl: string | undefined }[] = [];
  const record = (res: Response) => {
    if (res.request().resourceType() === 'document' || res.url().includes('__data.json')) {
      answers.push({ url: res.url(), cacheControl: res.headers()['cache-control'] });
    }
  };
  page.on('response', record);
  await page.locator('main a[href="/account"]').click();
  await page.waitForURL(/\/account$/);
  expect(await shownPersonalData(page, account)).toEqual(personalData(account));
  await page.locator('main a[href="/menu"]').click();
  await page.waitForURL(/\/menu$/);
  page.off('response', record);
  expect(answers.length).toBeGreaterThanOrEqual(2);
  for (const a of answers) expect(a.cacheControl, a.url).toContain('no-store');
}

describe.each(VARIANTS.filter((v) => v.javaScript))('the timeout warning (JavaScript on)', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: the dialog shows 2 minutes before the timeout; 続ける keeps the session alive on the server`, async () => {
    await withLoggedInPage(v, async ({ page, account }) => {
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
      // and the warning is scheduled again; Escape counts as 続ける
      await warning.waitFor({ state: 'visible', timeout: WARN_AFTER_MS + 10_000 });
      await idleFor(account.authId, 20);
      await page.keyboard.press('Escape');
      await warning.waitFor({ state: 'hidden' });
      await expect.poll(() => lastSeenAgoSeconds(account.authId)).toBeLessThan(5);
    });
  });

  it(`${tag(v)}: left alone, the page goes to the timeout page by itself when the time is up`, async () => {
    // the page's clock is the test's: the full idle time passes without waiting for it
    await withLoggedInPage(v, async ({ page, account }) => {
      expect(new URL(page.url()).pathname).toBe('/menu');
      await page.clock.runFor(WARN_AFTER_MS + 500);
      await page.getByRole('dialog', { name: T.warningTitle }).waitFor();
      // the dialog counts the time down as it passes
      expect(await secondsShown(page, T)).toBeGreaterThanOrEqual(118);
      expect(await secondsShown(page, T)).toBeLessThanOrEqual(120);
      await page.clock.runFor(61_000);
      expect(await secondsShown(page, T)).toBeGreaterThanOrEqual(57);
      expect(await secondsShown(page, T)).toBeLessThanOrEqual(59);
      // nobody answers; the server's idle limit passes too
      await idleFor(account.authId, IDLE_SECONDS + 5);
      await page.clock.runFor(60_000);
      await page.clock.resume();
      await page.waitForURL(/\/session\/expired$/);
      expect(await page.locator('main h1').innerText()).toBe(T.expiredTitle);
      await page.goto(`${app.url}/menu`);
      await page.waitForURL(/\/(login|session\/expired)$/);
      expect(await page.locator('.userline').count()).toBe(0);
    }, { clock: true });
  });
});

describe.each(VARIANTS.filter((v) => v.javaScript))('the timeout warning follows the server (item 4 of issue 17)', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: navigations the server saw move the warning; a navigation it did not see does not; the countdown is the server's`, async () => {
    await withLoggedInPage(v, async ({ page, account }) => {
      const loggedInSeen = await lastSeenAt(account.authId);

      // seen by the server: 利用者情報 and the change form are loaded from it, and a refused change reached it too
      await page.waitForTimeout(1000);
      await page.locator('main a[href="/account"]').click();
      await page.waitForURL(/\/account$/);
      await page.locator('main a[href="/account/edit"]').click();
      await page.waitForURL(/\/account\/edit$/);
      const editLoaded = await lastSeenAt(account.authId);
      expect(editLoaded).toBeGreaterThan(loggedInSeen + 900);
      await page.waitForTimeout(2500);
      // (after a refused form the page asks for the deadline the action's API call set)
      const refreshed = page.waitForResponse((res) => res.url().includes('/account/edit/__data.json'));
      await page.locator('form[action="?/update"] .actions button[type=submit]').last().click();
      await page.locator('.error-summary').waitFor();
      await refreshed;
      const seen = await lastSeenAt(account.authId);
      expect(seen).toBeGreaterThan(editLoaded + 2400);

      // not seen by the server: the skip link (#main) and Back to the address without it
      await page.waitForTimeout(3000);
      await page.locator('a.skip').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/#main$/);
      await page.goBack();
      await page.waitForURL(/\/account\/edit$/);
      expect(await lastSeenAt(account.authId)).toBe(seen);

      // the warning: 120 s before the server's deadline (seen + the idle limit), not counted from the later navigations
      const warning = page.getByRole('dialog', { name: T.warningTitle });
      await warning.waitFor({ state: 'visible', timeout: WARN_AFTER_MS + 10_000 });
      const shownAt = Date.now();
      const serverDeadline = seen + IDLE_SECONDS * 1000;
      expect(shownAt - (serverDeadline - 120_000)).toBeGreaterThan(-500);
      expect(shownAt - (serverDeadline - 120_000)).toBeLessThan(1500);
      expect(await lastSeenAt(account.authId)).toBe(seen);
      // it says the time the server gives the session, and counts it down
      const said = await secondsShown(page, T);
      expect(Math.abs(said - (serverDeadline - Date.now()) / 1000)).toBeLessThan(2);
      expect(await warning.innerText()).toContain(T.warning);
      await page.waitForTimeout(2100);
      expect(said - (await secondsShown(page, T))).toBeGreaterThanOrEqual(2);
      await shot(page, 'session-timeout-countdown', v);
      // the refused form is still on the page behind the dialog
      expect(await page.locator('.error-summary').count()).toBe(1);
    });
  });

  it(`${tag(v)}: ログアウト in the warning logs out`, async () => {
    await withLoggedInPage(v, async ({ page, context, account }) => {
      await page.clock.runFor(WARN_AFTER_MS + 500);
      const warning = page.getByRole('dialog', { name: T.warningTitle });
      await warning.waitFor();
      await page.clock.resume();
      await warning.getByRole('button', { name: T.logout }).click();
      await page.waitForURL(/\/logout$/);
      expect(await page.locator('main h1').innerText()).toBe(T.loggedOutTitle);
      const rows = await app.sql<{ revoked_reason: string | null }>(
        'select s.revoked_reason from session s join user_account u on u.id = s.user_id where u.auth_id = $1',
        [account.authId],
      );
      expect(rows).toEqual([{ revoked_reason: 'LOGOUT' }]);
      expect((await context.cookies()).some((c) => c.name === 'session')).toBe(false);
      expect(await shownPersonalData(page, account)).toEqual([]);
    }, { clock: true });
  });

  it(`${tag(v)}: a logout in another tab of the browser takes the old tab off its personal data at once`, async () => {
    await withLoggedInPage(v, async ({ page: old, context, account }) => {
      await old.locator('main a[href="/account"]').click();
      await old.waitForURL(/\/account$/);
      const other = await context.newPage();
      await other.goto(`${app.url}/menu`);
      await other.locator('.userline button[type=submit]').click();
      await other.waitForURL(/\/logout$/);
      // no navigation in the old tab: it asked the server by itself
      await old.waitForURL(/\/login$/, { timeout: 10_000 });
      expect(await shownPersonalData(old, account)).toEqual([]);
    });
  });
});

describe.each(VARIANTS)('the server-side timeout', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: after the idle limit the next page is the timeout page, and the session is gone`, async () => {
    await withLoggedInPage(v, async ({ page, context, account }) => {
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
    });
  });
});

describe.each(VARIANTS)('an old tab whose session ended elsewhere (item 3 of issue 17)', (v: Variant) => {
  it(`${tag(v)}: logged out elsewhere: the next navigation, Back and Forward show no personal data and land on the login page`, async () => {
    await withLoggedInPage(v, async ({ page, account }) => {
      await browseAccountPages(page, account);
      await page.goBack();
      await page.waitForURL(/\/account$/);
      await page.goForward();
      await page.waitForURL(/\/menu$/);
      expect(await shownPersonalData(page, account)).toContain('HOUMU TARO'); // the frame's header

      // the same session ends on another device (the cookie in this browser stays as it was)
      const out = await gqlAt(app.url, LOGOUT, {}, await sessionToken(page));
      expect(out.data?.logout?.ok).toBe(true);

      await page.locator('main a[href="/account"]').click();
      await page.waitForURL(/\/login$/);
      expect(await shownPersonalData(page, account)).toEqual([]);
      // each history entry asks the server again, and lands on the login page, its address included
      for (const step of ['back', 'back', 'forward', 'forward'] as const) {
        await (step === 'back' ? page.goBack() : page.goForward());
        await page.waitForURL(/\/login$/, { timeout: 10_000 });
        expect(await shownPersonalData(page, account), `after ${step}`).toEqual([]);
        expect(await page.locator('main h1').innerText()).toBe(v.locale === 'ja' ? 'ログイン' : 'Log in');
      }
    });
  });

  it(`${tag(v)}: superseded by a newer login elsewhere: the next navigation shows WZBAM099E, Back shows no personal data`, async () => {
    await withLoggedInPage(v, async ({ page, account }) => {
      await browseAccountPages(page, account);

      const newer = await gqlAt(app.url, LOGIN, { input: { authId: account.authId, password: account.password } });
      expect(newer.data?.login?.__typename).toBe('LoginSuccess');

      await page.locator('main a[href="/account"]').click();
      await page.waitForURL(/\/session\/superseded$/);
      expect(await page.locator('main').innerText()).toContain('WZBAM099E');
      expect(await shownPersonalData(page, account)).toEqual([]);
      // the double-login page cleared the cookie: Back to the menu is a request without a session
      await page.goBack();
      await page.waitForURL(/\/login$/, { timeout: 10_000 });
      expect(await shownPersonalData(page, account)).toEqual([]);
    });
  });
});

/**
 * Chromium keeps a page it leaves in its back/forward cache and shows it again on Back without asking the server
 * (Playwright turns that cache off; these tests turn it on). A page of the SPA is such a page even though its
 * responses are no-store: the document it lives in is the login page, loaded before the login.
 */
describe('pages restored from the back/forward cache', () => {
  let cachingBrowser: Browser;
  beforeAll(async () => {
    cachingBrowser = await launchChromium({ backForwardCache: true });
  });
  afterAll(() => cachingBrowser?.close());

  /** Leaves 利用者情報 for another document, marking the one left: `restored` then tells whether Back brought it back. */
  async function leaveAccountPage(page: Page) {
    if (new URL(page.url()).pathname !== '/account') {
      await page.locator('main a[href="/account"]').click();
      await page.waitForURL(/\/account$/);
    }
    await page.evaluate(() => {
      (window as unknown as { __left: number }).__left = 1;
      addEventListener('pageshow', () => {
        (window as unknown as { __visibilityWhenShown: string }).__visibilityWhenShown = document.documentElement.style.visibility;
      });
    });
    await page.goto(`${app.url}/terms`);
  }
  const restored = (page: Page) => page.evaluate(() => (window as unknown as { __left?: number }).__left === 1);
  /** Back, without waiting for a load event (a restored page has none). */
  const back = (page: Page) => page.goBack({ waitUntil: 'commit' });

  it.each(VARIANTS.filter((v) => v.javaScript).map((v) => [tag(v), v] as const))('%s: the restored page is hidden while it asks the server: alive, it shows again; ended elsewhere, the login page', async (_, v) => {
    await withLoggedInPage(v, async ({ page, account }) => {
      await leaveAccountPage(page);
      const before = await lastSeenAt(account.authId);
      await back(page);
      await page.waitForFunction(() => location.pathname === '/account' && document.documentElement.style.visibility === '');
      expect(await restored(page)).toBe(true);
      // what the page showed when it came back: nothing (the document hidden) until the server had answered
      expect(await page.evaluate(() => (window as unknown as { __visibilityWhenShown?: string }).__visibilityWhenShown)).toBe('hidden');
      expect(await lastSeenAt(account.authId)).toBeGreaterThan(before); // it asked
      expect(await shownPersonalData(page, account)).toEqual(personalData(account));

      await leaveAccountPage(page);
      await gqlAt(app.url, LOGOUT, {}, await sessionToken(page));
      await back(page);
      // (a restored page fires no load event to wait for)
      await page.waitForURL(/\/login$/, { timeout: 10_000, waitUntil: 'commit' });
      expect(await restored(page)).toBe(true);
      expect(await shownPersonalData(page, account)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.style.visibility)).toBe('');
    }, { browser: cachingBrowser });
  });

  it.each(VARIANTS.map((v) => [tag(v), v] as const))('%s: after a logout in another tab, Back in the old tab shows no personal data', async (_, v) => {
    await withLoggedInPage(v, async ({ page, context, account }) => {
      await leaveAccountPage(page);
      const other = await context.newPage();
      await other.goto(`${app.url}/menu`);
      await other.locator('.userline button[type=submit]').click();
      await other.waitForURL(/\/logout$/);
      await back(page);
      await page.waitForURL(/\/login$/, { timeout: 10_000, waitUntil: 'commit' });
      expect(await shownPersonalData(page, account)).toEqual([]);
    }, { browser: cachingBrowser });
  });
});
