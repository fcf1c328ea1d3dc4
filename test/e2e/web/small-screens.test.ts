import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext, SCREENSHOT_DIR } from '../../support/browser.js';
import { LOGIN, PASSWORD } from '../../support/fixtures.js';
import { gqlAt } from '../../support/server-process.js';
import { fillRegistration, pickResidence } from '../support/registration-ui.js';
import { activeAccount, freshEmail, loginThroughUi, startWebSuite, stopWebSuite } from '../support/web-ui.js';

// One test walks some twenty pages at two widths on a 2-core machine shared with other test files.
vi.setConfig({ testTimeout: 300_000 });

/**
 * Every page on a 320 px phone (the narrowest screen WCAG 1.4.10 reflow asks for), in Japanese, Japanese with
 * furigana, and English:
 * - nothing is wider than the screen: no horizontal scrolling (document.documentElement.scrollWidth ≤ 320);
 * - the header breaks lines only between words (never 「日本/語」 or 「システ/ム」): every word of it — a run of
 *   Japanese between <wbr>s or spaces, or a Latin word — lies on one line;
 * - the help desk's number is a tel: link on one line, and English pages say the hours once;
 * - the furigana toggle is on Japanese pages only (English pages have no readings);
 * - the previous login time says it is Japan time;
 * - STEP3 names the configured sender domain (MAIL_FROM with a display name), never localhost.
 * Each page is also photographed at 320 and 1280 px (test-results/screenshots/narrow-*).
 */

const SENDER_DOMAIN = 'portal.example';

const MODES = [
  { name: 'ja', locale: 'ja', furigana: false },
  { name: 'ja-furigana', locale: 'ja', furigana: true },
  { name: 'en', locale: 'en', furigana: false },
] as const;
type Mode = (typeof MODES)[number];

const TEXT = {
  ja: { confirm: '確認', register: '登録', logout: 'ログアウト', japanTime: '（日本時間）', systemError: 'システムエラー' },
  en: { confirm: 'Confirm', register: 'Register', logout: 'Log out', japanTime: 'JST (Japan time)', systemError: 'System error' },
} as const;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000', MAIL_FROM: `在留申請オンラインシステム <no-reply@${SENDER_DOMAIN}>` });
});

afterAll(() => stopWebSuite(app, browser));

interface Layout {
  scrollWidth: number;
  /** elements that reach past the right edge (for the failure message) */
  wide: string[];
  /** header words laid out on more than one line */
  brokenHeaderWords: string[];
  furiganaToggles: number;
  telLinks: { href: string; lines: number }[];
  helpdeskText: string;
}

/** What the page looks like to the checks below, measured in the browser. */
function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const lines = (node: Node, start = 0, end?: number) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end ?? (node.textContent ?? '').length);
      // one line box per distinct top (a word split over two lines has two)
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    const brokenHeaderWords: string[] = [];
    const header = document.querySelector('.frame-header');
    if (header) {
      const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.skip, .visually-hidden')) continue;
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          if (lines(node, m.index!, m.index! + m[0].length) > 1) brokenHeaderWords.push(m[0]);
        }
      }
    }
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.visually-hidden, .skip'))
      .slice(0, 6)
      .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> ${(e.textContent ?? '').trim().slice(0, 30)}`);
    const telLinks = [...document.querySelectorAll<HTMLAnchorElement>('.helpdesk a[href^="tel:"]')].map((a) => ({
      href: a.getAttribute('href') ?? '',
      lines: lines(a.firstChild!),
    }));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      wide,
      brokenHeaderWords,
      furiganaToggles: document.querySelectorAll('.langbar a[href*="furigana="]').length,
      telLinks,
      helpdeskText: (document.querySelector('.helpdesk') as HTMLElement | null)?.innerText ?? '',
    };
  });
}

/** The checks every page passes at 320 px, then its photographs at 320 and 1280 px. */
async function checkPage(page: Page, mode: Mode, screen: string): Promise<void> {
  const label = `${mode.name} ${screen} (${page.url()})`;
  const l = await layout(page);
  // soft: every page is measured and every problem reported, not only the first
  expect.soft(l.scrollWidth, `${label}: wider than 320 px: ${l.wide.join(' | ')}`).toBeLessThanOrEqual(320);
  expect.soft(l.brokenHeaderWords, `${label}: header words broken across lines`).toEqual([]);
  expect.soft(l.furiganaToggles, `${label}: furigana toggle`).toBe(mode.locale === 'ja' ? 1 : 0);
  if (l.helpdeskText) {
    expect.soft(l.telLinks, `${label}: the help-desk number`).toEqual([{ href: 'tel:0570000000', lines: 1 }]);
    expect.soft(l.helpdeskText).toContain('0570-000-000');
    // the hours once: 「9時00分から17時00分まで」 / "9:00 to 17:00" (the easy-Japanese line repeats them in Japanese only)
    if (mode.locale === 'en') expect.soft(l.helpdeskText.match(/17:00/g), `${label}: hours`).toHaveLength(1);
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/narrow-${screen}-${mode.name}-320.png`, fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 1280, height: 900 });
  expect.soft(await page.evaluate(() => document.documentElement.scrollWidth), `${label} at 1280 px`).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/narrow-${screen}-${mode.name}-1280.png`, fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 320, height: 720 });
}

async function visit(page: Page, mode: Mode, path: string, screen: string): Promise<void> {
  await page.goto(`${app.url}${path}`);
  await checkPage(page, mode, screen);
}

describe.each(MODES)('320 px wide', (mode: Mode) => {
  const T = TEXT[mode.locale];

  it(`${mode.name}: every page fits the screen, the header breaks only between words, the help desk can be called`, async () => {
    const context = await newContext(browser, { locale: mode.locale, javaScript: true });
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 720 });
      // the language and furigana are cookies the server sets on these parameters
      await page.goto(`${app.url}/?lang=${mode.locale}&furigana=${mode.furigana ? 'on' : 'off'}`);
      expect(await page.getAttribute('html', 'lang')).toBe(mode.locale);
      expect(await page.locator('ruby').count() > 0).toBe(mode.furigana);
      await checkPage(page, mode, 'top');

      for (const [path, screen] of [
        ['/terms', 'terms'],
        ['/login', 'login'],
        ['/password/forgot', 'password-forgot'],
        ['/password/forgot/sent', 'password-forgot-sent'],
        ['/password/set', 'password-set-no-link'],
        ['/password/set/done', 'password-set-done'],
        ['/session/expired', 'session-expired'],
        ['/session/superseded', 'session-superseded'],
        ['/no/such/page', 'not-found'],
      ] as const) {
        await visit(page, mode, path, screen);
      }

      // registration: STEP1, with every error, the residence search, STEP2, STEP3
      await visit(page, mode, '/register', 'register-step1');
      await page.locator('form .actions').getByRole('button', { name: T.confirm, exact: true }).click();
      await page.locator('.error-summary').waitFor();
      await checkPage(page, mode, 'register-step1-errors');
      const email = freshEmail(`narrow${mode.name}`);
      await fillRegistration(page, { email });
      await page.locator('.residence-row button').click();
      await page.locator('dialog[open]').waitFor();
      await page.selectOption('#dialog-prefecture', '130001');
      await page.locator('dialog .search-results li').first().waitFor();
      await checkPage(page, mode, 'register-residence-dialog');
      await page.keyboard.press('Escape');
      await pickResidence(page, { prefecture: '東京都', search: mode.locale === 'en' ? 'chiyoda' : 'ちよだ' });
      await page.locator('form .actions').getByRole('button', { name: T.confirm, exact: true }).click();
      await page.locator('dl.confirm-list').waitFor();
      await checkPage(page, mode, 'register-step2');
      await page.locator('form .actions').getByRole('button', { name: T.register, exact: true }).click();
      await page.waitForURL(/\/register\/done$/);
      await checkPage(page, mode, 'register-step3');
      // the advice names the configured sender's domain (MAIL_FROM has a display name: only the domain shows)
      const advice = await page.locator('section[aria-labelledby=mail-advice-heading]').innerText();
      expect.soft(advice).toContain(`@${SENDER_DOMAIN}`);
      expect.soft(advice).not.toMatch(/localhost|@portal\.example>/);

      // after login: a second login, so the header has a previous login time
      const account = await activeAccount(app);
      await gqlAt(app.url, LOGIN, { input: { authId: account.authId, password: PASSWORD } });
      await loginThroughUi(page, app.url, account.authId);
      await page.waitForURL((u) => u.pathname === '/menu');
      const userline = await page.locator('.userline').innerText();
      expect(userline).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
      expect.soft(userline).toContain(T.japanTime);
      await checkPage(page, mode, 'menu');
      for (const [path, screen] of [
        ['/account', 'account'],
        ['/account/edit', 'account-edit'],
        ['/account/updated', 'account-updated'],
        ['/account/password', 'account-password'],
        ['/account/password/done', 'account-password-done'],
      ] as const) {
        await visit(page, mode, path, screen);
      }
      await page.locator('.userline').getByRole('button', { name: T.logout, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/logout');
      await checkPage(page, mode, 'logout');

      // the system error page (the top page's data cannot be read)
      await app.sql('alter table notice rename to notice_narrow_hidden');
      try {
        await page.goto(`${app.url}/`);
        expect(await page.locator('main h1').innerText()).toBe(T.systemError);
        await checkPage(page, mode, 'system-error');
      } finally {
        await app.sql('alter table notice_narrow_hidden rename to notice');
      }
    } finally {
      await context.close();
    }
  });

  it(`${mode.name}: without JavaScript the residence search panel fits the screen too`, async () => {
    const context = await newContext(browser, { locale: mode.locale, javaScript: false });
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 720 });
      await page.goto(`${app.url}/register?lang=${mode.locale}&furigana=${mode.furigana ? 'on' : 'off'}`);
      await page.locator('.residence-row button').click();
      await page.locator('#residence-search').waitFor();
      await page.selectOption('#search-prefecture', '130001');
      await page.fill('#search-text', mode.locale === 'en' ? 'chiyoda' : 'ちよだ');
      await page.locator('#residence-search .search-controls button').click();
      await page.locator('#residence-search .search-results li').first().waitFor();
      await checkPage(page, mode, 'register-residence-panel');
    } finally {
      await context.close();
    }
  });
});
