/**
 * Shared helpers of the browser suite (test/e2e/web): the four variants (ja/en × JavaScript on/off), screenshots,
 * the axe-core check, accounts made through the API with the real mail, and small page probes.
 *
 *   const app = await startWebApp();
 *   const browser = await launchChromium();
 *   const context = await newContext(browser, { locale: 'en', javaScript: false });
 *   const page = await context.newPage();
 *   await page.goto(`${app.url}/login`);
 *   await shot(page, 'login', { locale: 'en', javaScript: false });   // test-results/screenshots/login-en-nojs.png
 *   await expectAccessible(page, 'login');
 */
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR, launchChromium, newContext } from '../../support/browser.js';
import { extractAuthId, extractLinks, type CapturedMail } from '../../support/smtp-receiver.js';
import { gqlAt } from '../../support/server-process.js';
import { PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../../support/fixtures.js';
import { startWebApp, type WebApp } from './web-app.js';

export type Locale = 'ja' | 'en';
export interface Variant {
  locale: Locale;
  javaScript: boolean;
}

export const VARIANTS: Variant[] = [
  { locale: 'ja', javaScript: true },
  { locale: 'ja', javaScript: false },
  { locale: 'en', javaScript: true },
  { locale: 'en', javaScript: false },
];

/** `ja-js`, `en-nojs`, … — the suffix of every screenshot and the name of a variant in test titles. */
export function tag(v: Variant): string {
  return `${v.locale}-${v.javaScript ? 'js' : 'nojs'}`;
}

/** A full-page screenshot saved as a test artifact: test-results/screenshots/<screen>-<ja|en>-<js|nojs>.png. */
export async function shot(page: Page, screen: string, v: Variant): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${screen}-${tag(v)}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * axe-core (its default rules: WCAG 2.x A/AA and best practices) on the page as it is now: the violations of impact
 * serious or critical, one line per rule with the offending elements; '' when there is none.
 */
export async function seriousViolations(page: Page, label: string): Promise<string> {
  // Legacy mode runs axe in the page itself instead of per frame plus a "finishRun" in a new blank page (the pages have
  // no frames), and only violations are reported in full: together about four times faster on this machine.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  // the check really ran: axe found rules to apply
  if (results.passes.length < 10) return `${label}: axe found almost nothing to check (${results.passes.length} rules passed)\n`;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label} (${page.url()}): [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}\n`)
    .join('');
}

/** Fails listing every serious or critical axe violation of the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const report = await seriousViolations(page, label);
  expect(report, `axe: serious/critical violations\n${report}`).toBe('');
}

/** The registration mail to `email` as the SMTP receiver got it, with its set-password link and 認証ID. */
export async function registrationMail(app: WebApp, email: string): Promise<{ mail: CapturedMail; link: string; authId: string }> {
  const mail = await app.smtp.waitFor((m) => m.to.includes(email) && extractLinks(m.text).some((l) => l.includes('/password/set?token=')), 30_000);
  const link = extractLinks(mail.text).find((l) => l.includes('/password/set?token='))!;
  const authId = extractAuthId(mail.text);
  if (!authId) throw new Error(`no 認証ID in the registration mail:\n${mail.text}`);
  return { mail, link, authId };
}

let counter = 0;
/** A unique address per call (per process), so per-address rate limits and mail matching never meet across tests. */
export function freshEmail(prefix = 'web'): string {
  counter += 1;
  return `${prefix}${process.pid}n${counter}@example.jp`;
}

/** An account registered through the API (as a partner would), with the link and 認証ID read from the real mail. */
export async function registeredAccount(app: WebApp, overrides: Partial<typeof VALID_REGISTRATION> = {}) {
  const email = overrides.email ?? freshEmail('api');
  const res = await gqlAt(app.url, REGISTER, { input: { ...VALID_REGISTRATION, ...overrides, email, emailConfirmation: email } });
  if (res.data?.register?.__typename !== 'RegistrationAccepted') throw new Error(`register failed: ${JSON.stringify(res)}`);
  const { link, authId } = await registrationMail(app, email);
  return { email, link, authId, token: new URL(link).searchParams.get('token')! };
}

/** A registered account whose password is set (through the API): ready to log in with PASSWORD. */
export async function activeAccount(app: WebApp, overrides: Partial<typeof VALID_REGISTRATION> = {}) {
  const account = await registeredAccount(app, overrides);
  const res = await gqlAt(app.url, SET_PASSWORD, { input: { token: account.token, password: PASSWORD, passwordConfirmation: PASSWORD } });
  if (res.data?.setPassword?.__typename !== 'PasswordSet') throw new Error(`setPassword failed: ${JSON.stringify(res)}`);
  return { ...account, password: PASSWORD };
}

/** Logs in through /login (the visible form) and waits for the page that follows. */
export async function loginThroughUi(page: Page, base: string, authId: string, password = PASSWORD): Promise<void> {
  if (!page.url().endsWith('/login')) await page.goto(`${base}/login`);
  await page.fill('#field-authId', authId);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('form .actions button[type=submit]').click()]);
}

/**
 * Marks the current document; `stillSameDocument` then tells whether later steps ran without a page load (with
 * JavaScript on, forms submit in place: screens.md).
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __e2eMark: number }).__e2eMark = 1));
}
export async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __e2eMark?: number }).__e2eMark === 1);
}

/** Where focus is: the id (or else the class) of the focused element. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.id || el?.className || el?.tagName || '';
  });
}

/** One browser suite's fixtures: the web app (its own server process and database) and a Chromium, started together. */
export function startWebSuite(env: Record<string, string>): Promise<[WebApp, Browser]> {
  return Promise.all([startWebApp(env), launchChromium()]);
}

/** Closes what startWebSuite opened; a server that died during the suite has its output printed for diagnosis. */
export async function stopWebSuite(app: WebApp | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  if (app && app.server.child.exitCode !== null) console.error(`the server exited early:\n${app.server.output()}`);
  await app?.stop();
}

/** The page's main heading. */
export async function h1(page: Page): Promise<string> {
  return (await page.locator('main h1').first().innerText()).trim();
}

/**
 * `const withPage = pagesOf(() => browser)`, then `withPage(variant, async (page, context) => …)`: each call gets a new
 * browser context of the variant (language, JavaScript on or off), closed afterwards whatever happens. The browser is
 * read at each call, since the suite starts it in beforeAll.
 */
export function pagesOf(browser: () => Browser) {
  return async (v: Variant, fn: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> => {
    const context = await newContext(browser(), v);
    try {
      await fn(await context.newPage(), context);
    } finally {
      await context.close();
    }
  };
}

/**
 * The error summary as the audit asked for it: no entry repeated, no code at all in an entry (each names its field
 * instead), and no code this system adds (PASSWORD_*, LINK_INVALID, RATE_LIMITED …) anywhere in the summary or at a
 * field. `entries` are the summary's entry texts.
 */
export async function expectPlainErrors(page: Page, entries: readonly string[]): Promise<void> {
  expect(new Set(entries).size, `repeated entries: ${JSON.stringify(entries)}`).toBe(entries.length);
  for (const entry of entries) expect(entry, 'an entry names its field, not a code').not.toMatch(/WZBAM\d{3}E|[A-Z]{2,}_[A-Z_]+/);
  const shown = await page.locator('.error-summary, .field-error').allInnerTexts();
  for (const text of shown) expect(text, 'no internal code on screen').not.toMatch(/PASSWORD_|LINK_INVALID|RATE_LIMITED|[A-Z]{2,}_[A-Z_]{2,}/);
  expect(shown.join('\n'), 'every item named').not.toMatch(/入力項目|\{item\}/);
}

/**
 * At 320 px wide (a small phone) nothing leaves the page or its box: the page does not scroll sideways and no error
 * summary, field error or strength guide is wider than itself. Takes the screenshot `<screen>-320-<variant>` and puts
 * the viewport back.
 */
export async function expectFitsAt320(page: Page, screen: string, v: Variant): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 900 });
  try {
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      boxes: [...document.querySelectorAll<HTMLElement>('.error-summary, .error-summary li, .field-error, .strength')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => `${el.className}: ${el.textContent?.slice(0, 40)}`),
    }));
    expect(overflow).toEqual({ page: false, boxes: [] });
    await shot(page, `${screen}-320`, v);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
