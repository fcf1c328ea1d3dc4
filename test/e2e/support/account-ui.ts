/**
 * Browser helpers for the logged-in user-information screens and the password screens (screens 7–13), for browser
 * tests with playwright-core. They work with JavaScript on and off (`javaScriptEnabled: false`).
 *
 * Stable hooks the pages provide (ids follow Field.svelte's `field-NAME`):
 * - screen 7 /account: `dl.account-info` (dt/dd pairs: 氏名, 性別, 生年月日, 住居地×2, 連絡先, 認証ID, メールアドレス);
 *   links a[href="/account/edit"], a[href="/account/password"], a[href="/menu"] in `.actions`.
 * - screen 8 /account/edit: #field-residenceCode (read-only name; the code is input[type=hidden][name=residenceCode]),
 *   the 検索 button `.residence-row button` (then the same dialog / panel hooks as registration: #dialog-prefecture,
 *   #dialog-search-text, `dialog .search-results button`; #residence-search, #search-prefecture, #search-text,
 *   `#residence-search .search-results button` — pickResidence() of registration-ui.ts works here too),
 *   #field-residenceAddress, #field-phone, #field-email, #field-emailConfirmation; `.current-value` (現在の登録内容);
 *   the visible 変更 is `form .actions button[type=submit]` (a hidden copy is the form's first button, for Enter);
 *   戻る is `form .actions a[href="/account"]`.
 * - screen 9 /account/updated and 11 /account/password/done: `.done-message .done-lead`; `.done-mail .address` (only
 *   when a mail was sent); `section.helpdesk`; `.actions a[href="/account"]`.
 * - screen 10 /account/password: #field-currentPassword, #field-newPassword, #field-newPasswordConfirmation,
 *   `#pw-rules-list`, `#pw-strength` (JavaScript only, once typed); `.expired-notice` (restricted session after
 *   WZBAM158E: then no `form .actions a`); 変更 is `form .actions button[type=submit]`.
 * - screen 12 /password/forgot: #field-authId, #field-email, `form .actions button[type=submit]` (送信).
 * - screen 13 /password/forgot/sent: `.done-mail .address`, `section.helpdesk`, `.actions a[href="/login"]`.
 * - everywhere: `.error-summary` (the manual's "CODE : message" line, then entries "label：what is wrong" linking to `#field-NAME`), `.field-error` per field,
 *   `input[aria-invalid="true"]`; /login after five wrong current passwords: `.login-notice`.
 * - the frame's ログアウト: `.userline form[action="/logout"] button`.
 *
 * Example:
 *   await loginThroughUi(page, base, authId, password);              // web-ui.ts
 *   await page.goto(`${base}/account/edit`);
 *   await changeUserInfo(page, { email: 'new@example.jp' });
 *   expect(await page.textContent('.done-mail .address')).toBe('new@example.jp');
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { pickResidence, type DevMail } from './registration-ui.js';
import type { WebApp } from './web-app.js';
import { gqlAt } from '../../support/server-process.js';
import { LOGIN } from '../../support/fixtures.js';

export interface UserInfoChange {
  /** a residence: the prefecture's Japanese name and optional search text (the first result is chosen) */
  residence?: { prefecture: string; search?: string; index?: number };
  residenceAddress?: string;
  phone?: string;
  email?: string;
  /** defaults to `email` */
  emailConfirmation?: string;
}

/**
 * Submits a form with its primary button and waits for what follows: with JavaScript off a new document, with it on
 * the in-place update or the client-side navigation after a redirect (no request in flight for a moment after the
 * POST answered — `waitForLoadState` would not wait, the document having loaded long before).
 */
export async function submitPrimary(page: Page): Promise<void> {
  await submitting(page, () => page.locator('form .actions button[type=submit]').first().click());
}

/** Runs `act` (a click, Enter in a field …) that submits a form, and waits as submitPrimary does. */
export async function submitting(page: Page, act: () => Promise<void>): Promise<void> {
  let inFlight = 0;
  let lastChange = Date.now();
  const start = () => { inFlight += 1; lastChange = Date.now(); };
  const end = () => { inFlight = Math.max(0, inFlight - 1); lastChange = Date.now(); };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  try {
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      act(),
    ]);
    const deadline = Date.now() + 15_000;
    while ((inFlight > 0 || Date.now() - lastChange < 300) && Date.now() < deadline) await page.waitForTimeout(50);
    await page.waitForLoadState('load');
  } finally {
    page.off('request', start);
    page.off('requestfinished', end);
    page.off('requestfailed', end);
  }
}

/** Fills 利用者情報変更 (screen 8) with the given changes only, then 変更. */
export async function changeUserInfo(page: Page, change: UserInfoChange): Promise<void> {
  if (!new URL(page.url()).pathname.endsWith('/account/edit')) throw new Error(`not on /account/edit: ${page.url()}`);
  if (change.residence) await pickResidence(page, change.residence);
  if (change.residenceAddress !== undefined) await page.fill('#field-residenceAddress', change.residenceAddress);
  if (change.phone !== undefined) await page.fill('#field-phone', change.phone);
  if (change.email !== undefined) {
    await page.fill('#field-email', change.email);
    await page.fill('#field-emailConfirmation', change.emailConfirmation ?? change.email);
  } else if (change.emailConfirmation !== undefined) {
    await page.fill('#field-emailConfirmation', change.emailConfirmation);
  }
  await submitPrimary(page);
}

/** Fills パスワード変更 (screen 10) and presses 変更. */
export async function changePasswordUi(page: Page, current: string, next: string, confirmation = next): Promise<void> {
  await page.fill('#field-currentPassword', current);
  await page.fill('#field-newPassword', next);
  await page.fill('#field-newPasswordConfirmation', confirmation);
  await submitPrimary(page);
}

/** 認証ID + e-mail on /password/forgot (screen 12), then 送信. */
export async function requestResetUi(page: Page, base: string, authId: string, email: string): Promise<void> {
  await page.goto(`${base}/password/forgot`);
  await page.fill('#field-authId', authId);
  await page.fill('#field-email', email);
  await submitPrimary(page);
}

/** The frame's ログアウト; waits for /logout. */
export async function logoutUi(page: Page): Promise<void> {
  await Promise.all([page.waitForURL((u) => u.pathname === '/logout'), page.locator('.userline form[action="/logout"] button').click()]);
}

/** The dt → dd pairs of screen 7 (利用者情報表示), by the label as shown. */
export async function accountInfo(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const dt of document.querySelectorAll('dl.account-info dt')) {
      out[dt.textContent?.trim() ?? ''] = dt.nextElementSibling?.textContent?.trim() ?? '';
    }
    return out;
  });
}

/** The texts of the error summary: its line ("CODE : message") and its entries ("label：what is wrong"); empty when there is none. */
export async function errorLines(page: Page): Promise<string[]> {
  return page.locator('.error-summary .error-line, .error-summary li').allTextContents();
}

/** The reset link of a forgot-password mail (パスワード再設定のお知らせ). */
export function resetMailLink(mail: DevMail): string {
  const link = mail.text.match(/https?:\/\/\S+\/password\/set\?token=\S+/)?.[0];
  if (!link) throw new Error('no reset link in the mail');
  return link;
}

/** The value of the session cookie of a browser context ('' when there is none). */
export async function sessionCookie(context: BrowserContext): Promise<string> {
  return (await context.cookies()).find((c) => c.name === 'session' || c.name === '__Host-session')?.value ?? '';
}

/** Every mail the product queued for an account (its mail outbox rows), oldest first: kind, recipient, sent or not. */
export async function outboxOf(app: WebApp, authId: string): Promise<{ id: string; kind: string; recipient: string; sent: boolean }[]> {
  return app.sql(
    `select o.id, o.kind, o.recipient, o.sent_at is not null as sent from mail_outbox o join user_account u on u.id = o.user_id
      where u.auth_id = $1 order by o.created_at, o.id`,
    [authId],
  );
}

/**
 * Waits until every mail queued for the account has reached the SMTP receiver (so that what arrives afterwards is
 * new); returns the outbox rows.
 */
export async function mailSettled(app: WebApp, authId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await outboxOf(app, authId);
    const delivered = rows.every((r) => r.sent && app.smtp.mails().some((m) => m.to.includes(r.recipient)));
    if (delivered) return rows;
    if (Date.now() > deadline) throw new Error(`mail of ${authId} not delivered in time: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Loads `url` with the page's scripts held back, runs `act` (typing, as a quick user or the browser's autofill would)
 * on the server-rendered page, then lets the scripts load and hydrate the page. Afterwards the page runs with
 * JavaScript as usual (a submission that keeps the document proves that hydration took place).
 */
export async function beforeHydration(page: Page, url: string, act: () => Promise<void>): Promise<void> {
  const scripts = /\/_app\/immutable\/.*\.js(\?.*)?$/;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const hold = async (route: Route) => {
    await gate;
    await route.continue();
  };
  await page.route(scripts, hold);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await act();
  } finally {
    release();
  }
  await page.waitForLoadState('networkidle');
  await page.unroute(scripts, hold);
}

/**
 * After a full page load with JavaScript on: waits until the network is quiet, i.e. the page's scripts have loaded and
 * hydrated it, so that what follows (a dialog, a submission in place) meets the enhanced page and not the bare HTML.
 * (The load event does not wait for SvelteKit's dynamically imported scripts.)
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

/** Generous: the self-service journeys are long, and the machine runs other browser tests beside them. */
export const JOURNEY_TIMEOUT = 120_000;

/** The API's verdict on a 認証ID and password: the login answer's type. */
export async function loginAnswer(app: WebApp, authId: string, password: string): Promise<string> {
  const res = await gqlAt(app.url, LOGIN, { input: { authId, password } });
  return res.data?.login?.__typename ?? JSON.stringify(res);
}

/** The mails the SMTP receiver got for `email` whose subject contains `subject`. */
export function mailsTo(app: WebApp, email: string, subject: string) {
  return app.smtp.mails().filter((m) => m.to.includes(email) && m.subject.includes(subject));
}
