import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { fillRegistration, pickResidence, shownResidence } from '../support/registration-ui.js';
import { mailHalves } from '../../support/mail-helpers.js';
import { PASSWORD } from '../../support/fixtures.js';
import { VARIANTS, activeAccount, freshEmail, markDocument, registrationMail, shot, stillSameDocument, tag, type Variant, startWebSuite, stopWebSuite, h1 } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * The whole newcomer journey in a real browser, four times: Japanese and English, JavaScript on and off.
 * top page → STEP1 (class preselected by the top page's button; residence by the search dialog or the no-JS panel)
 * → STEP2 (normalized values) → STEP3 → the real registration mail (SMTP) → its link → set the password → completion
 * (認証ID) → login → menu → logout → logged out for real; then a second login shows the previous login time.
 */
const TEXT = {
  ja: {
    step1: '利用者情報入力(STEP1)',
    step2: '利用者情報確認(STEP2)',
    step3: '利用者情報登録完了(STEP3)',
    confirm: '確認',
    register: '登録',
    counterClass: '(窓口申請)在留資格認定証明書電子交付希望者',
    sexShown: '男',
    birthShown: '1990年4月1日',
    passwordTitle: 'パスワード登録',
    passwordDone: 'パスワードの登録が完了しました。',
    toLogin: 'ログインページへ',
    loginTitle: 'ログイン',
    loginButton: 'ログイン',
    menuTitle: 'メニュー',
    userLine: 'ユーザ名：HOUMU TARO',
    previousLogin: '前回ログイン日時：',
    firstLogin: '前回ログイン日時：なし（初めてのログイン）',
    unavailable: '利用不可',
    wzbam250: '利用者区分が（窓口申請）在留資格認定証明書電子交付希望者の場合、その操作は行えません。',
    logout: 'ログアウト',
    loggedOut: 'ログアウトしました。',
  },
  en: {
    step1: 'Enter your user information (STEP1)',
    step2: 'Check your user information (STEP2)',
    step3: 'Registration received (STEP3)',
    confirm: 'Confirm',
    register: 'Register',
    counterClass: '(Counter application) applicant wishing to receive the Certificate of Eligibility electronically',
    sexShown: 'Male',
    birthShown: '1990-04-01',
    passwordTitle: 'Set your password',
    passwordDone: 'Your password has been set.',
    toLogin: 'To the login page',
    loginTitle: 'Log in',
    loginButton: 'Log in',
    menuTitle: 'Menu',
    userLine: 'User name: HOUMU TARO',
    previousLogin: 'Previous login:',
    firstLogin: 'Previous login: none (first login)',
    unavailable: 'Unavailable',
    wzbam250: 'This operation is not available to users of the class',
    logout: 'Log out',
    loggedOut: 'You have logged out.',
  },
} as const;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  // every log line, of the API and of the web client's server side: the journey checks none carries a secret
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000', LOG_LEVEL: 'trace' });
});

afterAll(() => stopWebSuite(app, browser));


describe.each(VARIANTS)('newcomer journey', (v: Variant) => {
  it(`${tag(v)}: registers, reads the mail, sets the password, logs in, sees the menu and logs out`, async () => {
    const T = TEXT[v.locale];
    const context = await newContext(browser, v);
    const page = await context.newPage();
    const email = freshEmail(`journey${v.locale}${v.javaScript ? 'js' : 'nojs'}`);
    try {
      // ---- 1 top page
      await page.goto(`${app.url}/`);
      expect(await page.getAttribute('html', 'lang')).toBe(v.locale);
      await expect.poll(() => page.locator('.notice-list li').count()).toBeGreaterThan(0);
      await shot(page, 'top', v);
      const registerSection = page.locator('section[aria-labelledby=register-heading]');
      await registerSection.getByRole('link', { name: T.counterClass, exact: true }).click();

      // ---- 3 STEP1: the button preselected the class
      await page.waitForURL(/\/register\?class=COUNTER_COE_RECIPIENT$/);
      expect(await h1(page)).toContain(T.step1);
      expect(await page.isChecked('#field-userClass-COUNTER_COE_RECIPIENT')).toBe(true);
      expect(await page.locator('.steps li[aria-current=step]').innerText()).toContain('STEP1');
      await shot(page, 'register-step1', v);
      if (v.javaScript) await markDocument(page);
      // a full-width, lower-case name and a half-width address: STEP2 shows them normalized
      await fillRegistration(page, { email, name: 'ｈｏｕｍｕ　 taro', residenceAddress: '霞が関1-1-1', userClass: 'COUNTER_COE_RECIPIENT' });
      await page.locator('.residence-row button').click();
      if (v.javaScript) {
        await page.locator('dialog[open]').waitFor();
        await shot(page, 'register-residence-dialog', v);
      } else {
        await page.locator('#residence-search').waitFor();
        // the round trip kept every value typed so far
        expect(await page.inputValue('#field-email')).toBe(email);
        await shot(page, 'register-residence-search', v);
      }
      // pickResidence opens the search itself; close what is open first
      if (v.javaScript) await page.keyboard.press('Escape');
      // an English user finds the municipality in English letters ("chiyoda"), a Japanese one by its kana
      const residence = await pickResidence(page, {
        prefecture: '東京都',
        ...(v.locale === 'en' ? { search: 'chiyoda', results: ['Chiyoda-ku (千代田区)'] } : { search: 'ちよ', results: ['千代田区 (ちよだく)'] }),
      });
      expect(residence).toBe(shownResidence(v.locale, '東京都千代田区', 'Chiyoda-ku, Tokyo'));
      expect(await page.inputValue('#field-phone')).toBe('09012345678');
      await page.getByRole('button', { name: T.confirm, exact: true }).click();

      // ---- 3b STEP2
      await page.locator('dl.confirm-list').waitFor();
      expect(await h1(page)).toContain(T.step2);
      const confirmList = await page.locator('dl.confirm-list').innerText();
      expect(confirmList).toContain('HOUMU TARO');
      expect(confirmList).toContain(T.sexShown);
      expect(confirmList).toContain(T.birthShown);
      expect(confirmList).toContain(shownResidence(v.locale, '東京都千代田区', 'Chiyoda-ku, Tokyo'));
      expect(confirmList).toContain('霞が関１－１－１');
      expect(confirmList).toContain(email);
      expect(confirmList).toContain(T.counterClass);
      await shot(page, 'register-step2', v);
      await page.getByRole('button', { name: T.register, exact: true }).click();

      // ---- 3c STEP3
      await page.waitForURL(/\/register\/done$/);
      expect(await h1(page)).toContain(T.step3);
      expect(await page.locator('.done-message .address').innerText()).toBe(email);
      await shot(page, 'register-step3', v);
      // with JavaScript the three steps ran in one document (no page load)
      if (v.javaScript) expect(await stillSameDocument(page)).toBe(true);

      // ---- the real mail: Japanese first, then English; the 認証ID and a link on the public URL
      const { mail, link, authId } = await registrationMail(app, email);
      expect(authId).toMatch(/^[a-z]{5}[0-9]{5}$/);
      expect(link.startsWith(`${app.url}/password/set?token=`)).toBe(true);
      const halves = mailHalves(mail.text);
      expect(halves.ja).toContain(authId);
      expect(halves.ja).toContain('HOUMU TARO');
      expect(halves.en).toContain(authId);

      // ---- 4 the link: the token moves into a cookie and leaves the address bar
      await page.goto(link);
      await page.waitForURL((u) => u.pathname === '/password/set');
      expect(page.url()).not.toContain('token');
      expect(await h1(page)).toBe(T.passwordTitle);
      await shot(page, 'password-set', v);
      if (v.javaScript) {
        await markDocument(page);
        // the strength hint follows what is typed (JavaScript only)
        await page.fill('#field-password', 'abc');
        await expect.poll(() => page.locator('#pw-strength').count()).toBe(1);
      }
      await page.fill('#field-password', PASSWORD);
      await page.fill('#field-passwordConfirmation', PASSWORD);
      await page.getByRole('button', { name: T.register, exact: true }).click();
      await page.waitForURL(/\/password\/set\/done$/);
      expect(await page.locator('.done-message').innerText()).toContain(T.passwordDone);
      expect(await page.locator('dd.auth-id').innerText()).toBe(authId);
      if (v.javaScript) expect(await stillSameDocument(page)).toBe(true);
      await shot(page, 'password-set-done', v);
      await app.smtp.waitFor((m) => m.to.includes(email) && m.id !== mail.id, 30_000);

      // ---- 5 login (the 認証ID as a user might type it: upper case)
      await page.getByRole('link', { name: T.toLogin }).click();
      await page.waitForURL(/\/login$/);
      expect(await h1(page)).toBe(T.loginTitle);
      await shot(page, 'login', v);
      if (v.javaScript) await markDocument(page);
      await page.fill('#field-authId', authId.toUpperCase());
      await page.fill('#field-password', PASSWORD);
      await page.getByRole('button', { name: T.loginButton, exact: true }).click();

      // ---- 6 menu: the frame's user line, application functions unavailable (WZBAM250E for this class)
      await page.waitForURL(/\/menu$/);
      expect(await h1(page)).toBe(T.menuTitle);
      if (v.javaScript) expect(await stillSameDocument(page)).toBe(true);
      const userLine = await page.locator('.userline').innerText();
      expect(userLine).toContain(T.userLine);
      // first login: the previous login is blank
      expect(userLine).not.toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
      const items = page.locator('.menu-item');
      expect(await items.count()).toBe(3);
      for (const item of await items.all()) {
        expect(await item.getAttribute('aria-disabled')).toBe('true');
        const text = await item.locator('.unavailable').innerText();
        expect(text).toContain(T.unavailable);
        expect(text).toContain('WZBAM250E');
        expect(text).toContain(T.wzbam250);
      }
      // the first login: nothing before it
      expect(await page.locator('.userline').innerText()).toContain(T.firstLogin);
      await shot(page, 'menu', v);

      // ---- 14 logout
      await page.locator('.userline').getByRole('button', { name: T.logout }).click();
      await page.waitForURL(/\/logout$/);
      expect(await page.locator('main').innerText()).toContain(T.loggedOut);
      expect(await page.locator('.userline').count()).toBe(0);
      await shot(page, 'logout', v);
      // logged out for real: the menu now sends the browser to the login page
      await page.goto(`${app.url}/menu`);
      await page.waitForURL(/\/login$/);

      // ---- a second login shows the first one as 前回ログイン日時 (YYYY/MM/DD HH:MM, Asia/Tokyo)
      await page.fill('#field-authId', authId);
      await page.fill('#field-password', PASSWORD);
      await page.getByRole('button', { name: T.loginButton, exact: true }).click();
      await page.waitForURL(/\/menu$/);
      const shown = (await page.locator('.userline').innerText()).match(new RegExp(`${T.previousLogin}\\s*(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2})`));
      expect(shown, 'previous login time in the header').not.toBeNull();
      const [, y, mo, d, hh, mm] = shown!.map(Number);
      // shown in Asia/Tokyo (UTC+9): the first login, a few seconds ago
      const shownAt = Date.UTC(y, mo - 1, d, hh - 9, mm);
      expect(Math.abs(Date.now() - shownAt)).toBeLessThan(3 * 60_000);
      const sessionCookie = (await context.cookies()).find((c) => c.name.endsWith('session'))?.value;
      expect(sessionCookie).toBeTruthy();
      await page.locator('.userline').getByRole('button', { name: T.logout }).click();
      await page.waitForURL(/\/logout$/);

      // security.md 4: the whole journey logged at trace level, and no password, link token or session token in it
      const output = app.server.output();
      expect(output).toContain('LOGIN_SUCCEEDED'); // the log did record this journey
      for (const secret of [PASSWORD, new URL(link).searchParams.get('token')!, sessionCookie!]) expect(output).not.toContain(secret);
    } finally {
      await context.close();
    }
  });
});

describe.each([VARIANTS[0], VARIANTS[3]])('the top page', (v: Variant) => {
  it(`${tag(v)}: the notice, the three login buttons to the login page, the three registration buttons with their class`, async () => {
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/`);
      expect(await page.locator('.notice-list').innerText()).toContain('[2019/07/25]');
      const login = page.locator('section[aria-labelledby=login-heading] .actions a.button');
      expect(await login.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        await login.nth(i).click();
        await page.waitForURL(/\/login$/);
        await page.goBack();
        await page.waitForURL(`${app.url}/`);
        await login.first().waitFor();
      }
      const register = page.locator('section[aria-labelledby=register-heading] .actions a.button');
      await register.first().waitFor();
      expect(await register.count()).toBe(3);
      for (const [i, userClass] of ['FOREIGN_NATIONAL', 'LAWYER_OR_SCRIVENER', 'COUNTER_COE_RECIPIENT'].entries()) {
        await register.nth(i).click();
        await page.waitForURL(/\/register\?class=/);
        await page.locator('#field-userClass').waitFor();
        expect(await page.isChecked(userClass === 'LAWYER_OR_SCRIVENER' ? '#field-userClass' : `#field-userClass-${userClass}`)).toBe(true);
        expect(await page.locator('input[name=userClass]:checked').count()).toBe(1);
        await page.goBack();
        await page.waitForURL(`${app.url}/`);
        await register.first().waitFor();
      }
      // links to other sites send no Referer
      for (const link of await page.locator('main a[href^="https://"]').all()) {
        expect(await link.getAttribute('rel')).toContain('noreferrer');
      }
    } finally {
      await context.close();
    }
  });
});

describe.each([VARIANTS[0], VARIANTS[3]])('the menu of the other classes', (v: Variant) => {
  it(`${tag(v)}: a foreign national sees the application functions unavailable without WZBAM250E, and 利用者情報更新`, async () => {
    const account = await activeAccount(app, { userClass: 'FOREIGN_NATIONAL' });
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/login`);
      await page.fill('#field-authId', account.authId);
      await page.fill('#field-password', PASSWORD);
      await page.getByRole('button', { name: TEXT[v.locale].loginButton, exact: true }).click();
      await page.waitForURL(/\/menu$/);
      const notYet = v.locale === 'ja' ? 'この機能は本システムではまだ利用できません。' : 'This function is not available in this system yet.';
      const items = await page.locator('.menu-item').all();
      expect(items).toHaveLength(3);
      for (const item of items) {
        expect(await item.getAttribute('aria-disabled')).toBe('true');
        const text = await item.locator('.unavailable').innerText();
        expect(text).toContain(notYet);
        expect(text).not.toContain('WZBAM250E');
      }
      const update = page.locator('section[aria-labelledby=user-info] a.button');
      expect(await update.getAttribute('href')).toBe('/account');
      expect(await update.innerText()).toBe(v.locale === 'ja' ? '利用者情報更新' : 'Update user information');
    } finally {
      await context.close();
    }
  });
});

/** A browser error page (e.g. Chromium's "Confirm Form Resubmission") instead of a portal page. */
async function expectPortalPage(page: Page, what: string) {
  // Back/Forward with JavaScript on may still be navigating (a redirect in a client-side load) when 'load' reports
  await page.waitForLoadState('networkidle');
  expect(page.url(), what).toMatch(new RegExp(`^${app.url}/`));
  await expect.poll(() => page.locator(".frame-header").count(), { message: `${what}: a portal page (${page.url()})` }).toBe(1);
  expect(await page.locator('main h1').count(), what).toBe(1);
}

describe.each(VARIANTS.filter((v) => v.locale === 'ja'))('the browser Back button', (v: Variant) => {
  it(`${tag(v)}: Back from STEP3 and 登録 again neither breaks nor registers twice`, async () => {
    const context = await newContext(browser, v);
    const page = await context.newPage();
    const email = freshEmail(`back${v.javaScript ? 'js' : 'nojs'}`);
    try {
      await page.goto(`${app.url}/`);
      await page.goto(`${app.url}/register`);
      await fillRegistration(page, { email });
      await pickResidence(page, { prefecture: '東京都', search: 'ちよ' });
      await page.getByRole('button', { name: '確認', exact: true }).click();
      await page.locator('dl.confirm-list').waitFor();
      await page.getByRole('button', { name: '登録', exact: true }).click();
      await page.waitForURL(/\/register\/done$/);

      await page.goBack();
      await page.waitForLoadState('load');
      await expectPortalPage(page, 'Back from STEP3');
      // without JavaScript Back shows the STEP2 page again (from the browser's cache, no resubmission prompt)
      if (!v.javaScript) expect(await page.locator('dl.confirm-list').count()).toBe(1);
      if (await page.locator('dl.confirm-list').count()) {
        await page.getByRole('button', { name: '登録', exact: true }).click();
        await page.waitForURL(/\/register\/done$/);
        expect(await page.locator('.done-message').innerText()).toContain(email);
      }
      await page.goForward().catch(() => undefined);
      await page.waitForLoadState('load');
      await expectPortalPage(page, 'Forward again');
      await registrationMail(app, email);
      await new Promise((r) => setTimeout(r, 1000));
      expect(app.smtp.mails().filter((m) => m.to.includes(email))).toHaveLength(1);
      const rows = await app.sql('select id from user_account where lower(email) = lower($1)', [email]);
      expect(rows).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it(`${tag(v)}: Back and Forward after login never log out; after logout Back shows nothing of the account`, async () => {
    const account = await activeAccount(app);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/`);
      await page.goto(`${app.url}/login`);
      await page.fill('#field-authId', account.authId);
      await page.fill('#field-password', PASSWORD);
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await page.waitForURL(/\/menu$/);

      await page.goBack();
      await page.waitForLoadState('load');
      await expectPortalPage(page, 'Back from the menu');
      await page.goForward();
      await page.waitForLoadState('load');
      await expectPortalPage(page, 'Forward to the menu');
      // still logged in: the menu with the user line, also when loaded afresh
      await page.goto(`${app.url}/menu`);
      expect(new URL(page.url()).pathname).toBe('/menu');
      expect(await page.locator('.userline').innerText()).toContain('HOUMU TARO');

      await page.locator('.userline').getByRole('button', { name: 'ログアウト' }).click();
      await page.waitForURL(/\/logout$/);
      await page.goBack();
      await page.waitForLoadState('load');
      await expectPortalPage(page, 'Back after logout');
      expect(new URL(page.url()).pathname).not.toBe('/menu');
      expect(await page.locator('.userline').count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toContain('HOUMU TARO');
    } finally {
      await context.close();
    }
  });
});
