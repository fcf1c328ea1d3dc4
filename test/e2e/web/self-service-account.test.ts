import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { pickResidence, shownResidence } from '../support/registration-ui.js';
import { JOURNEY_TIMEOUT, accountInfo, beforeHydration, hydrated, mailSettled, outboxOf, submitPrimary, submitting } from '../support/account-ui.js';
import { VARIANTS, activeAccount, freshEmail, loginThroughUi, markDocument, shot, stillSameDocument, tag, type Variant, startWebSuite, stopWebSuite, h1 } from '../support/web-ui.js';

/**
 * Self-service changes of the user information in a real browser (screens 6 → 7 → 8 → 9 → 7), Japanese and English,
 * JavaScript on and off:
 * - a new residence (the search as a dialog with JavaScript, as a panel without) and 町名丁目番地号等: the completion
 *   page has no mail text, the user information shows the new address, and no mail is queued or sent;
 * - a new e-mail address: the completion page names it, the completion mail reaches the NEW address and a notice the
 *   OLD one (both read from the real SMTP receiver), and the user information shows the new address.
 * One account per variant serves both (an account registered through the API, the mail read from SMTP).
 */
const TEXT = {
  ja: {
    menuButton: '利用者情報更新',
    viewTitle: '利用者情報表示',
    toEdit: '利用者情報変更',
    editTitle: '利用者情報変更',
    submit: '変更',
    doneTitle: '更新完了',
    done: '利用者情報の更新が完了しました。',
    doneMail: (email: string) => `メールアドレス ${email} へ更新完了通知が届きます。`,
    doneMailOld: '変更前のメールアドレスにも、メールアドレスが変更されたことをお知らせするメールが届きます。',
    toAccount: '利用者情報画面へ戻る',
    residence: '住居地(都道府県市区町村)',
    residenceAddress: '住居地(町名丁目番地号等)',
    phone: '連絡先',
    email: 'メールアドレス',
    authId: '認証ID',
    mailWord: /メール/,
  },
  en: {
    menuButton: 'Update user information',
    viewTitle: 'Your user information',
    toEdit: 'Change user information',
    editTitle: 'Change your user information',
    submit: 'Change',
    doneTitle: 'Update complete',
    done: 'Your user information has been updated.',
    doneMail: (email: string) => `A notice of the update will be sent to ${email}.`,
    doneMailOld: 'Your previous address also gets a mail telling it that the address was changed.',
    toAccount: 'Back to your user information',
    residence: 'Residence (prefecture and municipality)',
    residenceAddress: 'Residence (town, block, number, building, etc.)',
    phone: 'Phone number',
    email: 'E-mail address',
    authId: 'Authentication ID (認証ID)',
    mailWord: /mail/i,
  },
} as const;

/** What the registration through the API (VALID_REGISTRATION) put on file. */
const REGISTERED = { residence: '東京都千代田区', residenceAddress: '霞が関１－１－１' };


let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

type Account = Awaited<ReturnType<typeof activeAccount>>;
const accounts = new Map<string, Promise<Account>>();
/** The variant's account, made on first use; its registration mails are all delivered before it is handed out. */
function accountFor(v: Variant): Promise<Account> {
  let account = accounts.get(tag(v));
  if (!account) {
    account = activeAccount(app).then(async (a) => {
      await mailSettled(app, a.authId);
      return a;
    });
    accounts.set(tag(v), account);
  }
  return account;
}


/** Logs in and goes menu → 利用者情報更新 (screen 7) → 利用者情報変更 (screen 8), checking each page on the way. */
async function toEditPage(page: Page, v: Variant, account: Account, screenshots: boolean): Promise<void> {
  const T = TEXT[v.locale];
  await loginThroughUi(page, app.url, account.authId, account.password);
  expect(new URL(page.url()).pathname).toBe('/menu');
  await page.locator('main').getByRole('link', { name: T.menuButton, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/account');
  expect(await h1(page)).toContain(T.viewTitle);
  if (screenshots) await shot(page, 'account', v);
  await page.locator('.actions').getByRole('link', { name: T.toEdit, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/account/edit');
  expect(await h1(page)).toContain(T.editTitle);
  if (v.javaScript) await hydrated(page);
}

/** How far the page scrolls on below its footer, in CSS pixels. */
async function blankBelowFooter(page: Page): Promise<number> {
  return page.evaluate(() => {
    const footer = document.querySelector('.frame-footer, footer');
    if (!footer) throw new Error('no footer');
    return document.documentElement.scrollHeight - (footer.getBoundingClientRect().bottom + window.scrollY);
  });
}

describe.each(VARIANTS)('change address', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: a new residence by the search + 町名丁目番地号等 → 更新完了 without mail text → shown on 利用者情報表示; no mail`, async () => {
    const account = await accountFor(v);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await toEditPage(page, v, account, true);
      // what is on file now is shown under the fields
      expect(await page.locator('#current-residence').innerText()).toContain(
        shownResidence(v.locale, REGISTERED.residence, 'Chiyoda-ku, Tokyo'),
      );
      expect(await page.locator('#current-residenceAddress').innerText()).toContain(REGISTERED.residenceAddress);
      await shot(page, 'account-edit', v);
      const mailBefore = await outboxOf(app, account.authId);
      const smtpBefore = app.smtp.mails().filter((m) => m.to.includes(account.email)).length;
      if (v.javaScript) await markDocument(page);

      // the search: a dialog with JavaScript, a panel in the page (a server round trip) without
      await page.locator('.residence-row button').click();
      if (v.javaScript) {
        await page.locator('dialog[open]').waitFor();
        expect(await page.locator('#residence-search').count()).toBe(0);
        // it opens in the prefecture of the registered residence
        await page.locator('dialog .search-results button').first().waitFor();
        expect(await page.locator('#dialog-prefecture').inputValue()).toBe('130001');
        await shot(page, 'account-edit-residence-dialog', v);
        await page.keyboard.press('Escape');
        await page.locator('dialog[open]').waitFor({ state: 'detached' });
      } else {
        await page.locator('#residence-search').waitFor();
        expect(await page.locator('dialog[open]').count()).toBe(0);
        expect(await page.locator('#search-prefecture').inputValue()).toBe('130001');
        // the page ends with its footer: the results' hidden texts do not stretch it into blank space
        expect(await blankBelowFooter(page)).toBeLessThan(2);
        await shot(page, 'account-edit-residence-search', v);
      }
      const picked = await pickResidence(page, { prefecture: '沖縄県', search: v.locale === 'en' ? 'naha' : 'なは' });
      expect(picked).toBe(shownResidence(v.locale, '沖縄県那覇市', 'Naha-shi, Okinawa'));
      expect(await page.inputValue('input[type=hidden][name=residenceCode]')).toBe('472018');
      // half-width input is stored in full width
      await page.fill('#field-residenceAddress', '泉崎1-2-3');
      // nothing else was filled in: only what changes is sent
      expect(await page.inputValue('#field-email')).toBe('');
      expect(await page.inputValue('#field-phone')).toBe('');
      // Enter in a text field means 変更, never 検索 (the visible 変更 is clicked in the e-mail test)
      await submitting(page, () => page.press('#field-residenceAddress', 'Enter'));

      // ---- 9 更新完了: no mail text, no help-desk block (manual 2.4.1)
      await page.waitForURL((u) => u.pathname === '/account/updated');
      if (v.javaScript) expect(await stillSameDocument(page), 'JavaScript on: no page reload').toBe(true);
      expect(await h1(page)).toBe(T.doneTitle);
      expect(await page.locator('.done-message .done-lead').innerText()).toBe(T.done);
      expect(await page.locator('.done-mail').count()).toBe(0);
      expect(await page.locator('section.helpdesk').count()).toBe(0);
      const main = await page.locator('main').innerText();
      expect(main).not.toMatch(T.mailWord);
      expect(main).not.toContain(account.email);
      await shot(page, 'account-updated', v);

      // ---- 7 the new address is on file
      await page.locator('.actions').getByRole('link', { name: T.toAccount, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/account');
      const info = await accountInfo(page);
      expect(info[T.residence]).toBe(shownResidence(v.locale, '沖縄県那覇市', 'Naha-shi, Okinawa'));
      expect(info[T.residenceAddress]).toBe('泉崎１－２－３');
      expect(info[T.email]).toBe(account.email);
      expect(info[T.authId]).toBe(account.authId);
      // and it stays so on a fresh load from the server
      await page.reload();
      expect((await accountInfo(page))[T.residence]).toBe(shownResidence(v.locale, '沖縄県那覇市', 'Naha-shi, Okinawa'));
      await shot(page, 'account-after-address', v);

      // no mail: nothing queued for the account (mails only ever leave through the outbox), nothing received
      expect(await outboxOf(app, account.authId)).toEqual(mailBefore);
      expect(app.smtp.mails().filter((m) => m.to.includes(account.email)).length).toBe(smtpBefore);
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe.each(VARIANTS)('change e-mail', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: a new address + confirmation → completion names it; the completion mail reaches the new address, a notice the old one`, async () => {
    const account = await accountFor(v);
    const oldEmail = account.email;
    const newEmail = freshEmail(`moved${v.locale}${v.javaScript ? 'js' : 'nojs'}`);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await toEditPage(page, v, account, false);
      expect(await page.locator('#current-email').innerText()).toContain(oldEmail);
      if (v.javaScript) await markDocument(page);
      await page.fill('#field-email', newEmail);
      await page.fill('#field-emailConfirmation', newEmail);
      await submitPrimary(page);

      // ---- 9 更新完了 names the new address, says the old one is told too, and has the help-desk block
      await page.waitForURL((u) => u.pathname === '/account/updated');
      if (v.javaScript) expect(await stillSameDocument(page), 'JavaScript on: no page reload').toBe(true);
      expect(await h1(page)).toBe(T.doneTitle);
      expect(await page.locator('.done-message .done-lead').innerText()).toBe(T.done);
      expect(await page.locator('.done-mail .address').innerText()).toBe(newEmail);
      expect(await page.locator('.done-mail').innerText()).toBe(T.doneMail(newEmail));
      expect(await page.locator('.done-message').innerText()).toContain(T.doneMailOld);
      expect(await page.locator('section.helpdesk').isVisible()).toBe(true);
      // the address is not in the URL
      expect(page.url()).not.toContain(encodeURIComponent(newEmail));
      expect(page.url()).not.toContain(newEmail);
      await shot(page, 'account-updated-email', v);

      // ---- the mails, as the SMTP receiver got them
      const toNew = await app.smtp.waitFor((m) => m.to.includes(newEmail), 30_000);
      expect(toNew.to).toEqual([newEmail]);
      expect(toNew.subject).toContain('利用者情報更新完了のお知らせ（メールアドレス変更）');
      expect(toNew.text).toContain(account.authId);
      expect(toNew.text).toContain(`このメールアドレス（${newEmail}）`);
      const toOld = await app.smtp.waitFor((m) => m.to.includes(oldEmail) && m.subject.includes('メールアドレス変更のお知らせ'), 30_000);
      expect(toOld.to).toEqual([oldEmail]);
      expect(toOld.text).toContain(account.authId);
      // whoever reads the old mailbox does not learn the new address
      expect(toOld.text).not.toContain(newEmail);
      // exactly one of each
      expect(app.smtp.mails().filter((m) => m.to.includes(newEmail))).toHaveLength(1);
      expect((await outboxOf(app, account.authId)).filter((r) => r.kind.startsWith('EMAIL_CHANGED')).map((r) => [r.kind, r.recipient]).sort())
        .toEqual([['EMAIL_CHANGED_NEW', newEmail], ['EMAIL_CHANGED_OLD', oldEmail]]);

      // ---- 7 shows the new address
      await page.locator('.actions').getByRole('link', { name: T.toAccount, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/account');
      expect((await accountInfo(page))[T.email]).toBe(newEmail);
      await page.reload();
      expect((await accountInfo(page))[T.email]).toBe(newEmail);
      await shot(page, 'account-after-email', v);
      account.email = newEmail;
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});

describe.each(VARIANTS.filter((v) => v.javaScript))('typed before the script ran', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: what was typed into 利用者情報変更 before hydration is kept and sent`, async () => {
    const account = await activeAccount(app);
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await loginThroughUi(page, app.url, account.authId, account.password);
      await beforeHydration(page, `${app.url}/account/edit`, async () => {
        await markDocument(page);
        await page.fill('#field-phone', '0980123456');
        await page.fill('#field-residenceAddress', '久茂地1-1-1');
      });
      expect(await page.inputValue('#field-phone')).toBe('0980123456');
      expect(await page.inputValue('#field-residenceAddress')).toBe('久茂地1-1-1');
      // the residence still needs its municipality: WZBAM244E, and what was typed is still there
      await submitPrimary(page);
      expect(await stillSameDocument(page), 'sent by the script: the page had hydrated').toBe(true);
      expect(await page.locator('.error-summary').innerText()).toContain('WZBAM244E');
      expect(await page.inputValue('#field-phone')).toBe('0980123456');
      expect(await page.inputValue('#field-residenceAddress')).toBe('久茂地1-1-1');
      await page.fill('#field-residenceAddress', '');
      await submitPrimary(page);
      await page.waitForURL((u) => u.pathname === '/account/updated');
      await page.goto(`${app.url}/account`);
      const info = await accountInfo(page);
      expect(info[T.phone]).toBe('0980123456');
      expect(info[T.residenceAddress]).toBe(REGISTERED.residenceAddress);
    } finally {
      await context.close();
    }
  }, JOURNEY_TIMEOUT);
});
