import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { JOURNEY_TIMEOUT, accountInfo, changePasswordUi, errorLines, hydrated, loginAnswer, logoutUi, mailSettled, mailsTo, sessionCookie } from '../support/account-ui.js';
import { VARIANTS, activeAccount, expectFitsAt320, expectPlainErrors, loginThroughUi, markDocument, shot, stillSameDocument, tag, type Variant, startWebSuite, stopWebSuite, h1 } from '../support/web-ui.js';

/**
 * パスワード変更 in a real browser (screens 7 → 10 → 11 → 7), Japanese and English, JavaScript on and off:
 * - from the user information, a wrong current password first (WZBAM154E at 現在のパスワード, every password field
 *   emptied), then the right one: the completion page names the registered address, the notice arrives by SMTP, the
 *   browser that changed it goes on with its rotated session cookie, a second window of the same login (the session
 *   cookie as it was before the change) is logged out on its next page, and only the new password logs in;
 * - the forced change after WZBAM158E: the account's password is back-dated past PASSWORD_MAX_AGE_DAYS (365) in the
 *   database, the login lands on the password page with the message on top and without 戻る, every other page leads
 *   back there, and after the change the menu works.
 *
 * Why the "other session" is a second window of the same login and not a second login: one account has one live
 * session (security.md 13) — a second login would already end the first (WZBAM099E, security-and-pages.test.ts),
 * so it could not show what the password change does.
 */
const TEXT = {
  ja: {
    toPassword: 'パスワード変更',
    title: 'パスワード変更',
    submit: '変更',
    back: '戻る',
    wzbam154: 'WZBAM154E : パスワードが一致しません。現在のパスワードを再度確認してください。',
    wzbam158: 'WZBAM158E : パスワード有効期限が切れています。パスワードを変更してください。',
    expiredNote: 'パスワードを変更するまで、他の機能は利用できません。',
    doneTitle: '更新完了',
    done: '利用者情報の更新が完了しました。',
    doneMail: (email: string) => `メールアドレス ${email} へ更新完了通知が届きます。`,
    toAccount: '利用者情報画面へ戻る',
    viewTitle: '利用者情報表示',
    menuTitle: 'メニュー',
    logout: 'ログアウト',
    email: 'メールアドレス',
  },
  en: {
    toPassword: 'Change password',
    title: 'Change your password',
    submit: 'Change',
    back: 'Back',
    wzbam154: 'WZBAM154E : The password does not match. Please check your current password.',
    wzbam158: 'WZBAM158E : Your password has expired. Please change it.',
    expiredNote: 'Other functions are not available until you change your password.',
    doneTitle: 'Update complete',
    done: 'Your user information has been updated.',
    doneMail: (email: string) => `A notice of the update will be sent to ${email}.`,
    toAccount: 'Back to your user information',
    viewTitle: 'Your user information',
    menuTitle: 'Menu',
    logout: 'Log out',
    email: 'E-mail address',
  },
} as const;

/** New passwords that meet the rules (letters, a digit, a symbol; not common; no 認証ID), one per variant. */
function newPassword(v: Variant, round = 1): string {
  return `Naha${round}${v.javaScript ? 'J' : 'N'}$${v.locale === 'ja' ? 'Kokusai' : 'Shuri'}dori`;
}


let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));




async function expectAllPasswordFieldsEmpty(page: Page): Promise<void> {
  const values = await page.locator('input[type=password]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(values).toEqual(['', '', '']);
}

const SUMMARY = {
  ja: {
    fillIn: 'WZBAM001E : 「！」がついている項目を入力してください。',
    empty: ['現在のパスワード：入力してください。', '新しいパスワード：入力してください。', '新しいパスワード(確認)：入力してください。'],
    shortLine: 'WZBAM005E : 新しいパスワードの入力内容に誤りがあります。再度入力してください。',
    short: ['新しいパスワード：8文字以上にしてください（入力されたのは4文字です）。'],
    shortAtField: 'WZBAM005E : 新しいパスワードの入力内容に誤りがあります。8文字以上にしてください（入力されたのは4文字です）。',
    same: ['新しいパスワード：現在のパスワードと異なるものにしてください。'],
    guide: { same: '現在のパスワードと同じため使用できません', authId: '認証IDを含むため使用できません', example: '画面の例と同じため使用できません' },
  },
  en: {
    fillIn: 'WZBAM001E : Please fill in the items marked "!".',
    empty: ['Current password: Please fill this in.', 'New password: Please fill this in.', 'New password (confirmation): Please fill this in.'],
    shortLine: 'WZBAM005E : The new password you entered is not valid. Please enter it again.',
    short: ['New password: Use at least 8 characters (you entered 4).'],
    shortAtField: 'WZBAM005E : The new password you entered is not valid. Use at least 8 characters (you entered 4).',
    same: ['New password: Use a password different from your current one.'],
    guide: {
      same: 'cannot be used: it is your current password',
      authId: 'cannot be used: it contains your authentication ID (認証ID)',
      example: 'cannot be used: it is the example shown above',
    },
  },
} as const;

describe.each(VARIANTS)('change password', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: the summary names each field and the rule that failed, never an internal code; the guide foresees the refusals`, async () => {
    const S = SUMMARY[v.locale];
    const account = await activeAccount(app);
    const context = await newContext(browser, v);
    try {
      const page = await context.newPage();
      await loginThroughUi(page, app.url, account.authId, account.password);
      await page.goto(`${app.url}/account/password`);
      if (v.javaScript) await hydrated(page);

      await changePasswordUi(page, '', '');
      expect(await errorLines(page)).toEqual([S.fillIn, ...S.empty]);
      await expectPlainErrors(page, [...S.empty]);

      await changePasswordUi(page, account.password, 'Ab1!');
      expect(await errorLines(page)).toEqual([S.shortLine, ...S.short]);
      expect(await page.locator('#field-newPassword-error').innerText()).toBe(`！${S.shortAtField}`);
      await expectPlainErrors(page, [...S.short]);
      await shot(page, 'account-password-reasons', v);
      await expectFitsAt320(page, 'account-password-reasons', v);

      // PASSWORD_SAME_AS_CURRENT: the entry says it; no line of an internal code, no code at the field
      await changePasswordUi(page, account.password, account.password);
      expect(await errorLines(page)).toEqual([...S.same]);
      await expectPlainErrors(page, [...S.same]);

      if (v.javaScript) {
        const verdict = async (password: string) => {
          await page.fill('#field-newPassword', password);
          await page.locator('#pw-strength strong').waitFor();
          return (await page.locator('#pw-strength strong').innerText()).trim();
        };
        await page.fill('#field-currentPassword', account.password);
        expect(await verdict(account.password)).toBe(S.guide.same);
        expect(await verdict(`Qx!${account.authId.toUpperCase()}`)).toBe(S.guide.authId);
        expect(await verdict('Kasumi7$Seki')).toBe(S.guide.example);
        await shot(page, 'account-password-guide', v);
      }
    } finally {
      await context.close();
    }
  });

  it(`${tag(v)}: WZBAM154E for a wrong current password, then 更新完了 + the notice; this browser goes on, the other window is logged out`, async () => {
    const account = await activeAccount(app);
    await mailSettled(app, account.authId);
    const next = newPassword(v);
    const contextA = await newContext(browser, v);
    const contextB = await newContext(browser, v);
    try {
      const a = await contextA.newPage();
      await loginThroughUi(a, app.url, account.authId, account.password);
      expect(new URL(a.url()).pathname).toBe('/menu');
      const cookieBefore = await sessionCookie(contextA);
      expect(cookieBefore).not.toBe('');

      // session B: the same login in a second browser window (its session cookie); it works before the change
      await contextB.addCookies(await contextA.cookies());
      const b = await contextB.newPage();
      await b.goto(`${app.url}/account`);
      expect(new URL(b.url()).pathname).toBe('/account');
      expect(await h1(b)).toContain(T.viewTitle);

      // ---- 7 → 10
      await a.goto(`${app.url}/account`);
      await a.locator('.actions').getByRole('link', { name: T.toPassword, exact: true }).click();
      await a.waitForURL((u) => u.pathname === '/account/password');
      expect(await h1(a)).toContain(T.title);
      expect(await a.locator('.expired-notice').count()).toBe(0);
      expect(await a.locator('form .actions a').innerText()).toBe(T.back);
      await shot(a, 'account-password', v);
      if (v.javaScript) {
        await hydrated(a);
        await markDocument(a);
      }

      // a wrong current password: WZBAM154E at 現在のパスワード, nothing changed, no password kept
      await changePasswordUi(a, 'Wrong7$Password', next);
      expect(new URL(a.url()).pathname).toBe('/account/password');
      if (v.javaScript) expect(await stillSameDocument(a), 'JavaScript on: no page reload').toBe(true);
      // said once in the summary (its line links to the field), and at the field
      expect(await errorLines(a)).toEqual([T.wzbam154]);
      expect(await a.locator('#field-currentPassword-error').innerText()).toContain(T.wzbam154);
      expect(await a.getAttribute('#field-currentPassword', 'aria-invalid')).toBe('true');
      expect(await a.getAttribute('#field-newPassword', 'aria-invalid')).not.toBe('true');
      await expectAllPasswordFieldsEmpty(a);
      expect(await a.locator('.error-summary a[href="#field-currentPassword"]').count()).toBe(1);
      await shot(a, 'account-password-errors', v);
      expect(await loginAnswer(app, account.authId, next)).toBe('InvalidCredentialsError');

      // the right one
      await changePasswordUi(a, account.password, next);

      // ---- 11 更新完了 names the registered address
      await a.waitForURL((u) => u.pathname === '/account/password/done');
      if (v.javaScript) expect(await stillSameDocument(a), 'JavaScript on: no page reload').toBe(true);
      expect(await h1(a)).toBe(T.doneTitle);
      expect(await a.locator('.done-message .done-lead').innerText()).toBe(T.done);
      expect(await a.locator('.done-mail .address').innerText()).toBe(account.email);
      expect(await a.locator('.done-mail').innerText()).toBe(T.doneMail(account.email));
      expect(await a.locator('section.helpdesk').isVisible()).toBe(true);
      await shot(a, 'account-password-done', v);

      // the notice, by SMTP, to the registered address
      const notice = await app.smtp.waitFor((m) => m.to.includes(account.email) && m.subject.includes('パスワード変更完了のお知らせ'), 30_000);
      expect(notice.text).toContain(account.authId);
      expect(notice.text).not.toContain(next);

      // A goes on, with a new session cookie
      const cookieAfter = await sessionCookie(contextA);
      expect(cookieAfter).not.toBe('');
      expect(cookieAfter).not.toBe(cookieBefore);
      await a.locator('.actions').getByRole('link', { name: T.toAccount, exact: true }).click();
      await a.waitForURL((u) => u.pathname === '/account');
      expect((await accountInfo(a))[T.email]).toBe(account.email);
      await a.reload();
      expect(new URL(a.url()).pathname).toBe('/account');
      expect(await h1(a)).toContain(T.viewTitle);

      // B (the session as it was) is logged out on its next page load
      await b.goto(`${app.url}/account`);
      await b.waitForURL((u) => u.pathname !== '/account');
      expect(new URL(b.url()).pathname).toMatch(/^\/(login|session\/(superseded|expired))$/);
      expect(await b.locator('.userline').count()).toBe(0);
      await b.goto(`${app.url}/menu`);
      expect(new URL(b.url()).pathname).not.toBe('/menu');
      // while A still works
      await a.goto(`${app.url}/menu`);
      expect(await h1(a)).toBe(T.menuTitle);

      // only the new password logs in; through the login page it works
      expect(await loginAnswer(app, account.authId, account.password)).toBe('InvalidCredentialsError');
      await loginThroughUi(b, app.url, account.authId, next);
      expect(new URL(b.url()).pathname).toBe('/menu');
      expect(mailsTo(app, account.email, 'パスワード変更完了のお知らせ')).toHaveLength(1);
    } finally {
      await contextA.close();
      await contextB.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe.each(VARIANTS)('expired password', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: the login lands on パスワード変更 with WZBAM158E and no 戻る; nothing else opens until the change; then the menu works`, async () => {
    const account = await activeAccount(app);
    await mailSettled(app, account.authId);
    // changed 400 days ago: past PASSWORD_MAX_AGE_DAYS (365 by default)
    const backdated = await app.sql(
      `update user_account set password_changed_at = now() - interval '400 days' where auth_id = $1 returning id`,
      [account.authId],
    );
    expect(backdated).toHaveLength(1);
    const next = newPassword(v, 2);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await loginThroughUi(page, app.url, account.authId, account.password);
      expect(new URL(page.url()).pathname).toBe('/account/password');

      // ---- 10 in the restricted session: the message on top, no 戻る, the frame's ログアウト
      const notice = page.locator('.expired-notice');
      expect(await notice.locator('.error-line').innerText()).toBe(T.wzbam158);
      expect(await notice.innerText()).toContain(T.expiredNote);
      const noticeAboveHeading = await page.evaluate(() => {
        const n = document.querySelector('.expired-notice');
        const h = document.querySelector('main h1');
        return Boolean(n && h && n.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(noticeAboveHeading).toBe(true);
      expect(await h1(page)).toContain(T.title);
      expect(await page.locator('form .actions a').count()).toBe(0);
      expect(await page.locator('main').getByRole('link', { name: T.back, exact: true }).count()).toBe(0);
      expect(await page.locator('.userline form[action="/logout"] button').innerText()).toBe(T.logout);
      await shot(page, 'account-password-expired', v);

      // every other page leads back here
      for (const path of ['/menu', '/account', '/account/edit']) {
        await page.goto(`${app.url}${path}`);
        expect(new URL(page.url()).pathname, `${path} in the restricted session`).toBe('/account/password');
        expect(await page.locator('.expired-notice').count()).toBe(1);
      }
      // the done page cannot be opened without a change
      await page.goto(`${app.url}/account/password/done`);
      expect(new URL(page.url()).pathname).toBe('/account/password');
      // ログアウト works here, and the next login is restricted again
      await logoutUi(page);
      await page.goto(`${app.url}/account/password`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await loginThroughUi(page, app.url, account.authId, account.password);
      expect(new URL(page.url()).pathname).toBe('/account/password');
      expect(await page.locator('.expired-notice').count()).toBe(1);

      // ---- the change
      if (v.javaScript) {
        await hydrated(page);
        await markDocument(page);
      }
      await changePasswordUi(page, account.password, next);
      await page.waitForURL((u) => u.pathname === '/account/password/done');
      if (v.javaScript) expect(await stillSameDocument(page), 'JavaScript on: no page reload').toBe(true);
      expect(await h1(page)).toBe(T.doneTitle);
      expect(await page.locator('.done-mail .address').innerText()).toBe(account.email);
      await shot(page, 'account-password-expired-done', v);
      const [row] = await app.sql<{ age: number }>(
        `select extract(epoch from now() - password_changed_at)::float8 as age from user_account where auth_id = $1`,
        [account.authId],
      );
      expect(row!.age).toBeLessThan(120);

      // the session is a full one now: the menu and the user information open
      await page.goto(`${app.url}/menu`);
      expect(new URL(page.url()).pathname).toBe('/menu');
      expect(await h1(page)).toBe(T.menuTitle);
      await page.goto(`${app.url}/account`);
      expect(new URL(page.url()).pathname).toBe('/account');
      expect(await h1(page)).toContain(T.viewTitle);
      // and the new password logs in without the restriction
      expect(await loginAnswer(app, account.authId, next)).toBe('LoginSuccess');
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});
