import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { fillRegistration, pickResidence, shownResidence } from '../support/registration-ui.js';
import { PASSWORD } from '../../support/fixtures.js';
import { freshEmail, h1, markDocument, registrationMail, shot, stillSameDocument, tag, type Variant, startWebSuite, stopWebSuite, pagesOf } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * What the browser itself does to the registration and the other forms (screens.md: "The browser's Back button never
 * breaks anything"; entered values are kept):
 * - Back from STEP2 with JavaScript on (STEP1 and STEP2 share /register; STEP2 is a history entry of its own through
 *   shallow routing) shows STEP1 with every value, Forward shows STEP2 again, and the flow still registers;
 * - the language and furigana switches (links that reload the page) keep what was typed into the page's forms, the
 *   residence picker's choice included — never a password;
 * - STEP2 on a phone (390 px) with a 59-character e-mail address does not overflow, and 登録 can be pressed.
 */
const TEXT = {
  ja: { step1: '利用者情報入力(STEP1)', step2: '利用者情報確認(STEP2)', step3: '利用者情報登録完了(STEP3)', confirm: '確認', back: '戻る', register: '登録' },
  en: {
    step1: 'Enter your user information (STEP1)',
    step2: 'Check your user information (STEP2)',
    step3: 'Registration received (STEP3)',
    confirm: 'Confirm',
    back: 'Back',
    register: 'Register',
  },
} as const;

const JA_JS: Variant = { locale: 'ja', javaScript: true };

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

const withPage = pagesOf(() => browser);

/** A unique address of exactly `length` characters (a long, real-looking local part). */
function emailOfLength(length: number): string {
  const [local, domain] = freshEmail('w').split('@');
  const filler = 'mohammad.abdulrahman.hossain.'.repeat(4).slice(0, length - local.length - domain.length - 1);
  const email = `${filler}${local}@${domain}`;
  if (email.length !== length) throw new Error(`cannot make a ${length}-character address`);
  return email;
}

/** STEP1 filled in a way that differs from every default (the class preselected by the URL, an unchecked box …). */
const SAPPORO_CHUO = (locale: 'ja' | 'en') => shownResidence(locale, '北海道札幌市中央区', 'Sapporo-shi Chuo-ku, Hokkaido');

async function fillDistinctive(page: Page, email: string, locale: 'ja' | 'en' = 'ja'): Promise<void> {
  await fillRegistration(page, {
    email,
    name: 'HOUMU HANAKO',
    sex: 'FEMALE',
    birthYear: '1985',
    birthMonth: '12',
    birthDay: '24',
    residenceAddress: '大通西1-2-3',
    phone: '011-222-3333',
    userClass: 'RELATIVE',
    termsAccepted: true,
  });
  expect(await pickResidence(page, { prefecture: '北海道', search: 'さっぽろしちゅうおう' })).toBe(SAPPORO_CHUO(locale));
}

/** STEP1 shows exactly what fillDistinctive entered. */
async function expectDistinctive(page: Page, email: string, locale: 'ja' | 'en' = 'ja'): Promise<void> {
  expect(await page.inputValue('#field-name')).toBe('HOUMU HANAKO');
  expect(await page.isChecked('#field-sex-FEMALE')).toBe(true);
  expect(await page.inputValue('#field-birthYear')).toBe('1985');
  expect(await page.inputValue('#field-birthMonth')).toBe('12');
  expect(await page.inputValue('#field-birthDay')).toBe('24');
  expect(await page.inputValue('#field-residenceCode')).toBe(SAPPORO_CHUO(locale));
  expect(await page.inputValue('input[type=hidden][name=residenceCode]')).toBe('011011');
  expect(await page.inputValue('#field-residenceAddress')).toBe('大通西1-2-3');
  expect(await page.inputValue('#field-phone')).toBe('011-222-3333');
  expect(await page.inputValue('#field-email')).toBe(email);
  expect(await page.inputValue('#field-emailConfirmation')).toBe(email);
  expect(await page.isChecked('#field-userClass-RELATIVE')).toBe(true);
  expect(await page.isChecked('#field-userClass-COUNTER_COE_RECIPIENT')).toBe(false);
  expect(await page.isChecked('#field-termsAccepted')).toBe(true);
}

async function confirmStep1(page: Page, v: Variant): Promise<void> {
  await page.locator('form .actions').getByRole('button', { name: TEXT[v.locale].confirm, exact: true }).click();
  await page.locator('dl.confirm-list').waitFor();
  expect(await h1(page)).toContain(TEXT[v.locale].step2);
}

/** What a language/furigana switch left in sessionStorage for the reloaded page (client/src/lib/keep-form.ts). */
function kept(page: Page): Promise<string | null> {
  return page.evaluate(() => sessionStorage.getItem('ras-portal:kept-form'));
}

/** Waits for the page reloaded by a language/furigana link to be the one asked for and hydrated. */
async function switched(page: Page, path: string, heading: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === path && !u.search.includes('lang=') && !u.search.includes('furigana='));
  await page.waitForLoadState('networkidle');
  await expect.poll(() => h1(page)).toContain(heading);
}

describe.each([JA_JS, { locale: 'en', javaScript: true } as Variant])('Back and Forward on the registration steps', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: Back from STEP2 shows STEP1 with every value, Forward STEP2 again, and the registration completes`, async () => {
    await withPage(v, async (page) => {
      const email = freshEmail(`hist${v.locale}`);
      await page.goto(`${app.url}/`);
      await page.goto(`${app.url}/register?class=COUNTER_COE_RECIPIENT`);
      await markDocument(page);
      await fillDistinctive(page, email, v.locale);
      await confirmStep1(page, v);
      expect(await page.locator('dl.confirm-list').innerText()).toContain('011-222-3333'.replace(/-/g, ''));

      // Back: STEP1 of the same registration, not the top page; nothing reloaded
      await page.goBack();
      await expect.poll(() => h1(page)).toContain(T.step1);
      expect(new URL(page.url()).pathname).toBe('/register');
      await expectDistinctive(page, email, v.locale);
      expect(await page.locator('.error-summary').count()).toBe(0);
      expect(await page.locator('.steps li[aria-current=step]').innerText()).toContain('STEP1');
      expect(await stillSameDocument(page)).toBe(true);

      // Forward: STEP2 again, as it was
      await page.goForward();
      await page.locator('dl.confirm-list').waitFor();
      expect(await h1(page)).toContain(T.step2);
      expect(await page.locator('dl.confirm-list').innerText()).toContain(email);

      // Back, a change, 確認: the new STEP2 shows the change; its 戻る goes back like Back does
      await page.goBack();
      await page.locator('#field-phone').waitFor();
      await page.fill('#field-phone', '011-999-8888');
      await confirmStep1(page, v);
      expect(await page.locator('dl.confirm-list').innerText()).toContain('0119998888');
      await page.locator('form .actions').getByRole('button', { name: T.back, exact: true }).click();
      await page.locator('#field-name').waitFor();
      expect(await h1(page)).toContain(T.step1);
      expect(await page.inputValue('#field-phone')).toBe('011-999-8888');
      expect(await page.inputValue('input[type=hidden][name=residenceCode]')).toBe('011011');
      // after 戻る, Forward is STEP2 again (戻る and Back are the same step in the history)
      await page.goForward();
      await page.locator('dl.confirm-list').waitFor();
      expect(await page.locator('dl.confirm-list').innerText()).toContain('0119998888');

      await page.getByRole('button', { name: T.register, exact: true }).click();
      await page.waitForURL(/\/register\/done$/);
      expect(await h1(page)).toContain(T.step3);
      expect(await stillSameDocument(page)).toBe(true);
      const { mail } = await registrationMail(app, email);
      expect(mail.text).toContain('HOUMU HANAKO');
      // Back from STEP3 is a portal page (STEP1: the registration is over, the form is not shown again filled)
      await page.goBack();
      await expect.poll(() => h1(page)).toContain(T.step1);
    });
  });
});

describe('the language and furigana switches with JavaScript on', () => {
  it('ja-js: a half-filled STEP1 keeps every value, the chosen residence included, through English and furigana', async () => {
    await withPage(JA_JS, async (page) => {
      const email = freshEmail('switch');
      await page.goto(`${app.url}/register?class=COUNTER_COE_RECIPIENT`);
      await fillDistinctive(page, email);
      // half-filled: the confirmation left empty
      await page.fill('#field-emailConfirmation', '');

      await page.locator('.langbar').getByRole('link', { name: 'English' }).click();
      await switched(page, '/register', TEXT.en.step1);
      await expect.poll(() => page.inputValue('#field-name')).toBe('HOUMU HANAKO');
      expect(await page.inputValue('#field-emailConfirmation')).toBe('');
      await page.fill('#field-emailConfirmation', email);
      // the chosen residence is named in the page's language (its names travel with the code)
      await expectDistinctive(page, email, 'en');
      await shot(page, 'register-step1-kept-after-language', { locale: 'en', javaScript: true });

      await page.locator('.langbar').getByRole('link', { name: '日本語' }).click();
      await switched(page, '/register', TEXT.ja.step1);
      await expect.poll(() => page.inputValue('#field-name')).toBe('HOUMU HANAKO');
      await expectDistinctive(page, email);

      await page.locator('.langbar').getByRole('link', { name: 'ふりがなを表示する' }).click();
      await switched(page, '/register', TEXT.ja.step1);
      await expect.poll(() => page.inputValue('#field-name')).toBe('HOUMU HANAKO');
      await expectDistinctive(page, email);
      expect(await page.locator('ruby').count()).toBeGreaterThan(0);
      // one-shot: nothing is left behind, and a plain reload starts empty
      expect(await kept(page)).toBeNull();

      // the restored values are the page's state, not just what the inputs show: STEP2 gets them all
      await confirmStep1(page, JA_JS);
      const list = await page.locator('dl.confirm-list').innerText();
      for (const shown of ['HOUMU HANAKO', '北海道札幌市中央区', '0112223333', email, '配偶者、子、父又は母等']) expect(list).toContain(shown);

      await page.goto(`${app.url}/register`);
      expect(await page.inputValue('#field-name')).toBe('');
      expect(await page.inputValue('input[type=hidden][name=residenceCode]')).toBe('');
    });
  });

  it('ja-js: switching on STEP2 returns to STEP1 with the values (the page reloads with GET)', async () => {
    await withPage(JA_JS, async (page) => {
      const email = freshEmail('switch2');
      await page.goto(`${app.url}/register`);
      await fillDistinctive(page, email);
      await confirmStep1(page, JA_JS);
      await page.locator('.langbar').getByRole('link', { name: 'ふりがなを表示する' }).click();
      await switched(page, '/register', TEXT.ja.step1);
      await expect.poll(() => page.inputValue('#field-name')).toBe('HOUMU HANAKO');
      await expectDistinctive(page, email);
    });
  });

  it('ja-js: the login page keeps the 認証ID and never stores or restores the password', async () => {
    await withPage(JA_JS, async (page) => {
      await page.goto(`${app.url}/login`);
      await page.fill('#field-authId', 'abcde12345');
      await page.fill('#field-password', PASSWORD);

      // what the switch stores, seen by answering its navigation with 204 (the browser stays on the page)
      const hold = (route: Route) => route.fulfill({ status: 204 });
      const languageSwitch = (u: URL) => u.searchParams.has('lang');
      await page.route(languageSwitch, hold);
      await page.locator('.langbar').getByRole('link', { name: 'English' }).click();
      await expect.poll(() => kept(page)).toContain('abcde12345');
      expect(await kept(page)).not.toContain(PASSWORD);
      expect(await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)))).not.toContain(PASSWORD);
      await page.unroute(languageSwitch, hold);

      await page.locator('.langbar').getByRole('link', { name: 'English' }).click();
      await switched(page, '/login', 'Log in');
      await expect.poll(() => page.inputValue('#field-authId')).toBe('abcde12345');
      expect(await page.inputValue('#field-password')).toBe('');

      // a switch on one page is never restored on another
      await page.fill('#field-authId', 'zzzzz99999');
      await page.route(languageSwitch, hold);
      await page.locator('.langbar').getByRole('link', { name: '日本語' }).click();
      await expect.poll(() => kept(page)).toContain('zzzzz99999');
      await page.goto(`${app.url}/password/forgot`);
      await page.goto(`${app.url}/login`);
      expect(await page.inputValue('#field-authId')).toBe('');
    });
  });
});

describe.each([JA_JS, { locale: 'en', javaScript: false } as Variant])('STEP2 on a phone', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: 390 px wide with a 59-character address: nothing overflows and 登録 completes the registration`, async () => {
    await withPage(v, async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const email = emailOfLength(59);
      await page.goto(`${app.url}/register`);
      await fillRegistration(page, { email });
      await pickResidence(page, { prefecture: '東京都', search: 'ちよ' });
      await confirmStep1(page, v);
      expect(await page.locator('dl.confirm-list').innerText()).toContain(email);
      await shot(page, 'register-step2-390-long-email', v);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const list = (await page.locator('dl.confirm-list').boundingBox())!;
      expect(list.x + list.width).toBeLessThanOrEqual(390);
      // 登録 is on top where it is drawn (nothing covers it) and inside the viewport's width
      const button = page.getByRole('button', { name: T.register, exact: true });
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.textContent?.trim(), [box.x + box.width / 2, box.y + box.height / 2]);
      expect(hit).toBe(T.register);
      await button.click();
      await page.waitForURL(/\/register\/done$/);
      expect(await h1(page)).toContain(T.step3);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await registrationMail(app, email);
    });
  });
});
