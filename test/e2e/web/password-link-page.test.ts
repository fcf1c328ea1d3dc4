import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { extractLinks } from '../../support/smtp-receiver.js';
import { gqlAt } from '../../support/server-process.js';
import { PASSWORD, REQUEST_PASSWORD_RESET, SET_PASSWORD } from '../../support/fixtures.js';
import { hydrated, loginAnswer, mailSettled, submitPrimary } from '../support/account-ui.js';
import { VARIANTS, activeAccount, h1, registeredAccount, shot, tag, type Variant, startWebSuite, stopWebSuite, pagesOf } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * Screen 4 knows its link as soon as it opens (security.md 16: a used, superseded, expired or made-up link fails with
 * a clear page — at once, not after the password was typed twice; screens.md: パスワード登録 / パスワード再設定 by the
 * link's purpose). Japanese and English, JavaScript on and off, through the real server process and real mail.
 */
const TEXT = {
  ja: {
    invalidTitle: 'このリンクは使用できません',
    linkInvalid: 'このリンクは無効です。有効期限が切れたか、既に使用されたか、新しいリンクが送信されています。パスワード再設定からやり直してください。',
    invalidText: 'メールに記載されたリンクが無効です。',
    forgot: 'パスワードを忘れた場合',
    setTitle: 'パスワード登録',
    setDoneTitle: 'パスワード登録完了',
    setDone: 'パスワードの登録が完了しました。',
    resetTitle: 'パスワード再設定',
    resetDoneTitle: 'パスワード再設定完了',
    resetDone: 'パスワードの再設定が完了しました。',
  },
  en: {
    invalidTitle: 'This link cannot be used',
    linkInvalid: 'This link is not valid: it has expired, has already been used, or a newer link was sent. Please start again from "Forgot your password".',
    invalidText: 'The link from the mail is not valid.',
    forgot: 'Forgot your password?',
    setTitle: 'Set your password',
    setDoneTitle: 'Password set',
    setDone: 'Your password has been set.',
    resetTitle: 'Reset your password',
    resetDoneTitle: 'Password reset',
    resetDone: 'Your password has been reset.',
  },
} as const;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

const withPage = pagesOf(() => browser);

/** Opens an e-mailed link (or the bare page) as a browser does: the token moves into a cookie, the URL is bare. */
async function open(page: Page, v: Variant, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL((u) => u.pathname === '/password/set');
  expect(page.url()).not.toContain('token=');
  if (v.javaScript) await hydrated(page);
}

/** The dead-link page, at once: its heading and title, the way forward, and no password field at all. */
async function expectDeadLinkPage(page: Page, v: Variant, line: string | null): Promise<void> {
  const T = TEXT[v.locale];
  expect(await h1(page)).toBe(T.invalidTitle);
  expect(await page.title()).toContain(T.invalidTitle);
  expect(await page.locator('input[type=password]').count()).toBe(0);
  expect(await page.locator('main form').count()).toBe(0);
  const summary = await page.locator('.error-summary').innerText();
  if (line) expect(await page.locator('.error-summary .error-line').innerText()).toBe(line);
  else expect(summary).toContain(T.invalidText);
  expect(await page.locator('main a[href="/password/forgot"]').innerText()).toBe(T.forgot);
}

/** A reset link from a real forgot-password mail for an active account. */
async function resetLink(account: { authId: string; email: string }): Promise<string> {
  await mailSettled(app, account.authId);
  const res = await gqlAt(app.url, REQUEST_PASSWORD_RESET, { input: { authId: account.authId, email: account.email } });
  expect(res.data?.requestPasswordReset?.__typename, JSON.stringify(res)).toBe('PasswordResetRequested');
  const mail = await app.smtp.waitFor((m) => m.to.includes(account.email) && m.subject.includes('パスワード再設定のお知らせ'), 30_000);
  const link = extractLinks(mail.text).find((l) => l.includes('/password/set?token='));
  expect(link, mail.text).toBeDefined();
  return link!;
}

describe.each(VARIANTS)('a dead link fails with a clear page at once', (v: Variant) => {
  it(`${tag(v)}: a used link, a superseded link, a made-up link and no token show LINK_INVALID without any password field`, async () => {
    // used: the first password was set through the API; then the registration mail's link is opened
    const used = await activeAccount(app);
    // superseded: a reset link was sent after the registration link
    const superseded = await registeredAccount(app);
    const newer = await resetLink(superseded);

    await withPage(v, async (page) => {
      await open(page, v, used.link);
      await expectDeadLinkPage(page, v, TEXT[v.locale].linkInvalid);
      await shot(page, 'password-link-dead', v);

      await open(page, v, superseded.link);
      await expectDeadLinkPage(page, v, TEXT[v.locale].linkInvalid);

      await open(page, v, `${app.url}/password/set?token=made-up-${tag(v)}-${Date.now()}`);
      await expectDeadLinkPage(page, v, TEXT[v.locale].linkInvalid);

      // the way forward: パスワードを忘れた場合 leads to screen 12
      await page.locator('main a[href="/password/forgot"]').click();
      await page.waitForURL((u) => u.pathname === '/password/forgot');
    });

    // no token at all (a fresh browser, no link cookie)
    await withPage(v, async (page) => {
      await open(page, v, `${app.url}/password/set`);
      await expectDeadLinkPage(page, v, null);
    });

    // opening the superseded link changed nothing: the newer reset link still works
    const token = new URL(newer).searchParams.get('token');
    const res = await gqlAt(app.url, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } });
    expect(res.data?.setPassword?.__typename, JSON.stringify(res)).toBe('PasswordSet');
  });
});

describe.each(VARIANTS)('a live link shows the title of its purpose', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: a reset link shows ${T.resetTitle} and ends on ${T.resetDoneTitle}`, async () => {
    const account = await activeAccount(app);
    const link = await resetLink(account);
    const next = `Reset${v.javaScript ? 7 : 8}$Link${v.locale === 'ja' ? 'Ja' : 'En'}`;
    await withPage(v, async (page) => {
      await open(page, v, link);
      expect(await h1(page)).toBe(T.resetTitle);
      expect(await page.title()).toContain(T.resetTitle);
      expect(await page.locator('#field-password').count()).toBe(1);
      await shot(page, 'password-link-reset', v);
      await page.fill('#field-password', next);
      await page.fill('#field-passwordConfirmation', next);
      await submitPrimary(page);
      await page.waitForURL((u) => u.pathname === '/password/set/done');
      expect(await h1(page)).toBe(T.resetDoneTitle);
      expect(await page.title()).toContain(T.resetDoneTitle);
      expect(await page.locator('.done-message .done-lead').innerText()).toBe(T.resetDone);
      expect(await page.locator('dd.auth-id').innerText()).toBe(account.authId);
      await shot(page, 'password-link-reset-done', v);

      // the same link again: dead at once
      await open(page, v, link);
      await expectDeadLinkPage(page, v, T.linkInvalid);
    });
    expect(await loginAnswer(app, account.authId, next)).toBe('LoginSuccess');
  });

  it(`${tag(v)}: a first-password link still shows ${T.setTitle} and completes`, async () => {
    const account = await registeredAccount(app);
    await withPage(v, async (page) => {
      await open(page, v, account.link);
      expect(await h1(page)).toBe(T.setTitle);
      expect(await page.title()).toContain(T.setTitle);
      // opening it twice (a reload, the mail opened again) does not use it up
      await open(page, v, account.link);
      expect(await h1(page)).toBe(T.setTitle);
      await page.fill('#field-password', PASSWORD);
      await page.fill('#field-passwordConfirmation', PASSWORD);
      await submitPrimary(page);
      await page.waitForURL((u) => u.pathname === '/password/set/done');
      expect(await h1(page)).toBe(T.setDoneTitle);
      expect(await page.locator('.done-message .done-lead').innerText()).toBe(T.setDone);
      expect(await page.locator('dd.auth-id').innerText()).toBe(account.authId);
    });
    expect(await loginAnswer(app, account.authId, PASSWORD)).toBe('LoginSuccess');
  });
});
