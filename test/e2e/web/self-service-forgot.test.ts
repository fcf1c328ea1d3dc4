import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { extractLinks } from '../../support/smtp-receiver.js';
import { JOURNEY_TIMEOUT, beforeHydration, errorLines, hydrated, loginAnswer, mailSettled, mailsTo, submitPrimary } from '../support/account-ui.js';
import { VARIANTS, activeAccount, expectFitsAt320, expectPlainErrors, freshEmail, loginThroughUi, markDocument, shot, stillSameDocument, tag, type Variant, startWebSuite, stopWebSuite, h1 } from '../support/web-ui.js';

/**
 * パスワードを忘れた場合 in a real browser (screens 5 → 12 → 13 → the mail → 4 → 5 → 6), Japanese and English,
 * JavaScript on and off: a 認証ID with the wrong address first (WZBAM168E, both values kept, no mail), then the right
 * pair; the completion page names the address, the reset mail (read from the real SMTP receiver) carries the link, the
 * link's page sets a new password, and only the new password logs in.
 */
const TEXT = {
  ja: {
    forgotLink: 'パスワードを忘れた場合',
    heading: 'パスワード再設定 利用者情報確認',
    wzbam168: 'WZBAM168E : 認証ID又はメールアドレスの入力内容に誤りがあります。再度入力してください。',
    sentTitle: '利用者情報確認完了',
    sentDone: '利用者情報の確認が完了しました。',
    sentMail: (email: string) => `メールアドレス ${email} へパスワード再設定通知が届きます。`,
    sentLink: '届いたメール内のリンクにアクセスし、パスワードを再設定してください。',
    helpdeskIntro: 'メールがしばらくたっても届かない場合は、お手数ですが下記の問合せ先へご連絡ください。',
    toLogin: 'ログインページへ戻る',
    // a forgot-password mail's link opens screen 4 as パスワード再設定 (screens.md)
    setTitle: 'パスワード再設定',
    setDone: 'パスワードの再設定が完了しました。',
    invalidTitle: 'このリンクは使用できません',
    setDoneToLogin: 'ログインページへ',
    loginTitle: 'ログイン',
    menuTitle: 'メニュー',
    fillIn: 'WZBAM001E : 「！」がついている項目を入力してください。',
    emptyEntries: ['認証ID：入力してください。', 'メールアドレス：入力してください。'],
    badLine: 'WZBAM005E : 認証ID、メールアドレスの入力内容に誤りがあります。再度入力してください。',
    badEntries: ['認証ID：入力内容に誤りがあります。', 'メールアドレス：入力内容に誤りがあります。'],
  },
  en: {
    forgotLink: 'Forgot your password?',
    heading: 'Reset your password: confirm who you are',
    wzbam168: 'WZBAM168E : The authentication ID (認証ID) or e-mail address is not correct. Please enter them again.',
    sentTitle: 'Check complete',
    sentDone: 'Your information has been confirmed.',
    sentMail: (email: string) => `A mail with a link to reset your password will be sent to ${email}.`,
    sentLink: 'Open the link in the mail and set a new password.',
    helpdeskIntro: 'If the mail does not arrive after a while, please contact the help desk below.',
    toLogin: 'Back to the login page',
    setTitle: 'Reset your password',
    setDone: 'Your password has been reset.',
    invalidTitle: 'This link cannot be used',
    setDoneToLogin: 'To the login page',
    loginTitle: 'Log in',
    menuTitle: 'Menu',
    fillIn: 'WZBAM001E : Please fill in the items marked "!".',
    emptyEntries: ['Authentication ID (認証ID): Please fill this in.', 'E-mail address: Please fill this in.'],
    badLine: 'WZBAM005E : The authentication ID (認証ID) and e-mail address you entered are not valid. Please enter them again.',
    badEntries: ['Authentication ID (認証ID): What you entered is not valid.', 'E-mail address: What you entered is not valid.'],
  },
} as const;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

describe.each(VARIANTS)('forgot password', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: the error summary says the manual's line once and names each field, without repeating itself`, async () => {
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/password/forgot`);
      await submitPrimary(page);
      await page.locator('.error-summary').waitFor();
      expect(await errorLines(page)).toEqual([T.fillIn, ...T.emptyEntries]);
      expect(await page.locator('.error-summary li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
        '#field-authId',
        '#field-email',
      ]);
      await expectPlainErrors(page, T.emptyEntries);

      await page.fill('#field-authId', 'ab');
      await page.fill('#field-email', 'not an address');
      await page.locator('.error-summary').evaluate((el) => el.setAttribute('data-stale', ''));
      await submitPrimary(page);
      await page.locator('.error-summary:not([data-stale])').waitFor();
      await page.waitForLoadState('load');
      expect(await errorLines(page)).toEqual([T.badLine, ...T.badEntries]);
      await expectPlainErrors(page, T.badEntries);
      await shot(page, 'password-forgot-summary', v);
      await expectFitsAt320(page, 'password-forgot-summary', v);
    } finally {
      await context.close();
    }
  });

  it(`${tag(v)}: /login → パスワードを忘れた場合 → WZBAM168E with the values kept → the right pair → the mail's link → a new password → login`, async () => {
    const account = await activeAccount(app);
    await mailSettled(app, account.authId);
    const next = `Shuri${v.javaScript ? 7 : 8}$Jo${v.locale === 'ja' ? 'Koen' : 'Park'}`;
    const wrongEmail = freshEmail('notmine');
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      // ---- 5 → 12
      await page.goto(`${app.url}/login`);
      await page.locator('main').getByRole('link', { name: T.forgotLink, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/password/forgot');
      expect(await h1(page)).toContain(T.heading);
      await shot(page, 'password-forgot', v);
      if (v.javaScript) {
        await hydrated(page);
        await markDocument(page);
      }

      // the 認証ID with an address that is not its own: WZBAM168E, both values kept, both fields marked, no mail
      await page.fill('#field-authId', account.authId);
      await page.fill('#field-email', wrongEmail);
      await submitPrimary(page);
      expect(new URL(page.url()).pathname).toBe('/password/forgot');
      if (v.javaScript) expect(await stillSameDocument(page), 'JavaScript on: no page reload').toBe(true);
      expect(await errorLines(page)).toEqual([T.wzbam168]);
      expect(await page.inputValue('#field-authId')).toBe(account.authId);
      expect(await page.inputValue('#field-email')).toBe(wrongEmail);
      expect(await page.getAttribute('#field-authId', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#field-email', 'aria-invalid')).toBe('true');
      // 「！」 and the message at both fields
      expect(await page.locator("#field-authId-error").innerText()).toContain(T.wzbam168);
      expect(await page.locator("#field-email-error").innerText()).toContain(T.wzbam168);
      await shot(page, 'password-forgot-errors', v);
      // the right pair
      await page.fill('#field-email', account.email);
      await submitPrimary(page);

      // ---- 13 names the address (not in the URL)
      await page.waitForURL((u) => u.pathname === '/password/forgot/sent');
      if (v.javaScript) expect(await stillSameDocument(page), 'JavaScript on: no page reload').toBe(true);
      expect(page.url()).not.toContain(account.email);
      expect(page.url()).not.toContain(encodeURIComponent(account.email));
      expect(await h1(page)).toBe(T.sentTitle);
      expect(await page.locator('.done-message .done-lead').innerText()).toBe(T.sentDone);
      expect(await page.locator('.done-mail .address').innerText()).toBe(account.email);
      expect(await page.locator('.done-mail').innerText()).toBe(T.sentMail(account.email));
      expect(await page.locator('.done-message').innerText()).toContain(T.sentLink);
      expect(await page.locator('section.helpdesk').innerText()).toContain(T.helpdeskIntro);
      expect(await page.locator('.actions a[href="/login"]').innerText()).toBe(T.toLogin);
      await shot(page, 'password-forgot-sent', v);

      // ---- the mail: exactly one (the mismatch sent nothing, to either address), with the link
      const mail = await app.smtp.waitFor((m) => m.to.includes(account.email) && m.subject.includes('パスワード再設定のお知らせ'), 30_000);
      expect(mail.text).toContain(account.authId);
      expect(mailsTo(app, account.email, 'パスワード再設定のお知らせ')).toHaveLength(1);
      expect(app.smtp.mails().filter((m) => m.to.includes(wrongEmail))).toHaveLength(0);
      const link = extractLinks(mail.text).find((l) => l.includes('/password/set?token='));
      expect(link, mail.text).toBeDefined();
      expect(new URL(link!).origin).toBe(new URL(app.url).origin);

      // ---- 4 from the link: the token leaves the address bar; a new password
      await page.goto(link!);
      await page.waitForURL((u) => u.pathname === '/password/set');
      expect(page.url()).not.toContain('token=');
      expect(await h1(page)).toContain(T.setTitle);
      await shot(page, 'password-reset', v);
      await page.fill('#field-password', next);
      await page.fill('#field-passwordConfirmation', next);
      await submitPrimary(page);
      await page.waitForURL((u) => u.pathname === '/password/set/done');
      expect(await page.locator('.done-message .done-lead').innerText()).toBe(T.setDone);
      await shot(page, 'password-reset-done', v);
      // the reset is confirmed by mail too
      await app.smtp.waitFor((m) => m.to.includes(account.email) && m.subject.includes('パスワード再設定完了のお知らせ'), 30_000);

      // ---- 5 → 6 with the new password; the old one no longer works
      expect(await loginAnswer(app, account.authId, account.password)).toBe('InvalidCredentialsError');
      await page.getByRole('link', { name: T.setDoneToLogin, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/login');
      expect(await h1(page)).toContain(T.loginTitle);
      await loginThroughUi(page, app.url, account.authId, next);
      expect(new URL(page.url()).pathname).toBe('/menu');
      expect(await h1(page)).toBe(T.menuTitle);

      // the link was for one use only: opened again, it shows the invalid-link page at once, without a form
      await page.goto(link!);
      await page.waitForURL((u) => u.pathname === '/password/set');
      expect(await h1(page)).toBe(T.invalidTitle);
      // the message without the internal code LINK_INVALID
      const lines = await errorLines(page);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^(このリンクは無効です|This link is not valid)/);
      expect(await page.locator('input[type=password]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe.each(VARIANTS.filter((v) => v.javaScript))('typed before the script ran', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: what was typed (or autofilled) into /login and /password/forgot before hydration is what gets sent`, async () => {
    const account = await activeAccount(app);
    await mailSettled(app, account.authId);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      // /password/forgot: both fields typed on the server-rendered page, then the script hydrates it
      await beforeHydration(page, `${app.url}/password/forgot`, async () => {
        await markDocument(page);
        await page.fill('#field-authId', account.authId);
        await page.fill('#field-email', account.email);
      });
      expect(await page.inputValue('#field-authId')).toBe(account.authId);
      expect(await page.inputValue('#field-email')).toBe(account.email);
      await submitPrimary(page);
      await page.waitForURL((u) => u.pathname === '/password/forgot/sent');
      // sent by the script (the page had hydrated), with the typed values
      expect(await stillSameDocument(page)).toBe(true);
      expect(await page.locator('.done-mail .address').innerText()).toBe(account.email);

      // /login: the 認証ID typed (the password manager's autofill) before hydration
      await beforeHydration(page, `${app.url}/login`, async () => {
        await markDocument(page);
        await page.fill('#field-authId', account.authId);
        await page.fill('#field-password', account.password);
      });
      expect(await page.inputValue('#field-authId')).toBe(account.authId);
      await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('form .actions button[type=submit]').click()]);
      expect(new URL(page.url()).pathname).toBe('/menu');
      expect(await stillSameDocument(page)).toBe(true);
      expect(await h1(page)).toBe(T.menuTitle);
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});
