import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { fillRegistration, pickResidence, shownResidence } from '../support/registration-ui.js';
import { PASSWORD, SET_PASSWORD } from '../../support/fixtures.js';
import { gqlAt } from '../../support/server-process.js';
import { beforeHydration } from '../support/account-ui.js';
import { VARIANTS, activeAccount, expectFitsAt320, expectPlainErrors, focused, freshEmail, registeredAccount, shot, tag, type Variant, startWebSuite, stopWebSuite, pagesOf } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * Every error path of the newcomer screens (STEP1/STEP2, the residence search, the set-password page and its link,
 * the login page), with JavaScript on and off, in Japanese and English: the error summary at the top (the manual's
 * "CODE : message" line once, then one entry per field naming it — 「利用者氏名：入力してください。」 — linking to it,
 * focused; no internal code; nothing wider than 320 px), 「！」 and the message at each invalid field (a refused
 * password: which rule failed), 「必須」 labels, aria-invalid / aria-describedby, entered values kept after an error and
 * passwords never; the strength guide never praising a password the server refuses.
 */
const TEXT = {
  ja: {
    problem: '入力内容に誤りがあります',
    notInputTitle: '手続きを完了できませんでした',
    required: '必須',
    nameHint: '半角英字(大文字入力), 104文字以内 スペース区切り 例)HOUMU TARO',
    confirm: '確認',
    back: '戻る',
    register: '登録',
    login: 'ログイン',
    step1: '利用者情報入力(STEP1)',
    step2: '利用者情報確認(STEP2)',
    fillIn: '「！」がついている項目を入力してください。',
    credentials: '認証ID又はパスワードの入力内容に誤りがあります。再度入力してください。',
    mismatch: 'パスワードとパスワード（再入力）には同じ値を入力してください。',
    noMunicipality: '該当する市区町村はありません。',
    needPrefecture: '都道府県を選択してください。',
    invalidLinkTitle: 'このリンクは使用できません',
    linkInvalid: 'このリンクは無効です。',
    locked: '規定回数以上ログインに失敗したため、アカウントがロックされています。',
    lockedRemedy: 'アカウントロックは24時間後に自動で解除されます。',
    unlocksAt: 'ロック解除予定日時：',
    suspended: '入力された認証IDは利用停止中です。',
    helpdesk: 'ヘルプデスクにお問合せください。',
    // the summary's entries: the field's label, then briefly what is wrong
    emptyStep1: [
      '利用者氏名：入力してください。',
      '性別：選択してください。',
      '生年月日：入力してください。',
      '住居地(都道府県市区町村)：都道府県市区町村を検索して選択してください。',
      '住居地(町名丁目番地号等)：町名丁目番地号等を入力してください。',
      '利用者連絡先：入力してください。',
      'メールアドレス：入力してください。',
      'メールアドレス(確認)：入力してください。',
      '利用者の区分：選択してください。',
      '利用規約：同意してください。',
    ],
    label: { name: '利用者氏名', birthDate: '生年月日', phone: '利用者連絡先', emailConfirmation: 'メールアドレス(確認)', terms: '利用規約', password: 'パスワード', passwordConfirmation: 'パスワード(再入力)' },
    colon: '：',
    fillInEntry: '入力してください。',
    mismatchEntry: 'パスワードと一致しません。',
    noDigitNoSymbol: '半角数字を1文字以上含めてください。記号（$%&=@_#+.?!）を1文字以上含めてください。',
    containsAuthId: '認証IDを含めないでください。',
    common: 'よく使われていて推測されやすいパスワードです。別のパスワードにしてください。',
    example: '画面に例として示しているパスワードは使用できません。別のパスワードにしてください。',
    exampleShown: '例)Kasumi7$Seki',
    reasons: {
      'Ab1!': '8文字以上にしてください（入力されたのは4文字です）。',
      ' ': '使用できない文字が含まれています：空白。',
      '*': '使用できない文字が含まれています：「*」。',
      'Ｈｉｂｉｙａ４＃Ｋ': '使用できない文字が含まれています：全角文字（Ｈｉｂｙａなど）。',
      [`Hibiya4#${'k'.repeat(25)}`]: '32文字以内にしてください（入力されたのは33文字です）。',
    } as Record<string, string>,
  },
  en: {
    problem: 'There is a problem',
    notInputTitle: 'There is a problem',
    required: 'Required',
    nameHint: 'Capital letters A–Z, up to 104 characters, name parts separated by a space, e.g. HOUMU TARO',
    confirm: 'Confirm',
    back: 'Back',
    register: 'Register',
    login: 'Log in',
    step1: 'Enter your user information (STEP1)',
    step2: 'Check your user information (STEP2)',
    fillIn: 'Please fill in the items marked "!".',
    credentials: 'The authentication ID (認証ID) or password you entered is not valid. Please enter it again.',
    mismatch: 'Enter the same value in Password and Password (re-enter).',
    noMunicipality: 'No municipality matches.',
    needPrefecture: 'Please choose a prefecture first.',
    invalidLinkTitle: 'This link cannot be used',
    linkInvalid: 'This link is not valid',
    locked: 'Your account is locked because login failed too many times.',
    lockedRemedy: 'The lock is released automatically after 24 hours.',
    unlocksAt: 'Unlocks at: ',
    suspended: 'This authentication ID (認証ID) is suspended.',
    helpdesk: 'Please contact the help desk.',
    emptyStep1: [
      'Name: Please fill this in.',
      'Sex: Please choose one.',
      'Date of birth: Please fill this in.',
      'Residence (prefecture and municipality): Search for and choose the prefecture and municipality.',
      'Residence (town, block, number, building, etc.): Enter the town, block and number.',
      'Phone number: Please fill this in.',
      'E-mail address: Please fill this in.',
      'E-mail address (confirmation): Please fill this in.',
      'User class: Please choose one.',
      'Terms of use: Please agree to them.',
    ],
    label: { name: 'Name', birthDate: 'Date of birth', phone: 'Phone number', emailConfirmation: 'E-mail address (confirmation)', terms: 'Terms of use', password: 'Password', passwordConfirmation: 'Password (re-enter)' },
    colon: ': ',
    fillInEntry: 'Please fill this in.',
    mismatchEntry: 'Does not match the password.',
    noDigitNoSymbol: 'Include at least one digit (0–9). Include at least one of the symbols $%&=@_#+.?!.',
    containsAuthId: 'Do not include your authentication ID (認証ID).',
    common: 'Many people use this password, so it is easy to guess. Choose another one.',
    example: 'The example shown on the screen cannot be used. Choose a password of your own.',
    exampleShown: 'Example: Kasumi7$Seki',
    reasons: {
      'Ab1!': 'Use at least 8 characters (you entered 4).',
      ' ': 'Remove the characters that are not allowed: space.',
      '*': 'Remove the characters that are not allowed: "*".',
      'Ｈｉｂｉｙａ４＃Ｋ': 'Remove the characters that are not allowed: full-width characters (Ｈｉｂｙａ and others).',
      [`Hibiya4#${'k'.repeat(25)}`]: 'Use at most 32 characters (you entered 33).',
    } as Record<string, string>,
  },
} as const;

/** The registration form's fields, each with its required label, as STEP1 lists them. */
const REGISTRATION_FIELDS = [
  'name', 'sex', 'birthDate', 'residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation', 'userClass', 'termsAccepted',
];

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

const withPage = pagesOf(() => browser);

interface SummaryEntry {
  href: string;
  text: string;
  /** the link's target exists in the page */
  targetExists: boolean;
}

/** The error summary as a user meets it: title, the "CODE : message" line, its linked entries. */
async function errorSummary(page: Page) {
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  const entries: SummaryEntry[] = await summary.locator('li a').evaluateAll((links) =>
    links.map((a) => {
      const href = a.getAttribute('href') ?? '';
      return { href, text: (a.textContent ?? '').trim(), targetExists: href.startsWith('#') && Boolean(document.getElementById(href.slice(1))) };
    }),
  );
  return {
    role: await summary.getAttribute('role'),
    title: (await summary.locator('h2').innerText()).trim(),
    line: (await summary.locator('.error-line').count()) ? (await summary.locator('.error-line').innerText()).trim() : '',
    /** the whole summary as read */
    text: (await summary.innerText()).trim(),
    remedy: (await summary.locator('.remedy').count()) ? (await summary.locator('.remedy').innerText()).trim() : '',
    entries,
    /** the summary comes before the form in the page */
    beforeForm: await page.evaluate(() => {
      const s = document.querySelector('.error-summary');
      const f = document.querySelector('main form');
      return Boolean(s && f && s.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
    }),
  };
}

/**
 * 「！」 and "CODE : message" at the field (a code this system adds: the message alone), and the control marked invalid
 * and described by that message. `control` is the element carrying aria-invalid (the input, or the radio group of a
 * group field). Returns the message.
 */
async function expectFieldError(page: Page, field: string, code: string, control = `#field-${field}`, describedControl = control) {
  const error = page.locator(`#field-${field}-error`);
  expect(await error.count(), `error message at ${field}`).toBe(1);
  const text = await error.innerText();
  if (/^WZBAM/.test(code)) expect(text, `error at ${field}`).toMatch(new RegExp(`^！\\s*${code} : \\S`));
  else {
    expect(text, `error at ${field}`).toMatch(/^！\s*\S/);
    expect(text, `no internal code at ${field}`).not.toContain(code);
  }
  expect(await page.getAttribute(control, 'aria-invalid'), `aria-invalid on ${control}`).toBe('true');
  const describedBy = (await page.getAttribute(describedControl, 'aria-describedby')) ?? '';
  expect(describedBy.split(/\s+/), `aria-describedby of ${describedControl}`).toContain(`field-${field}-error`);
  return text;
}

async function expectFieldValid(page: Page, field: string, control = `#field-${field}`) {
  expect(await page.locator(`#field-${field}-error`).count(), `no error at ${field}`).toBe(0);
  expect(await page.getAttribute(control, 'aria-invalid')).not.toBe('true');
}

async function submitStep1(page: Page, v: Variant) {
  await page.getByRole('button', { name: TEXT[v.locale].confirm, exact: true }).click();
}

/**
 * Presses the form's button `name` and waits for the answer's error summary: a summary already on the page is marked
 * first, so an earlier answer is never taken for this one (the page shows a new summary for every answer, a new
 * element with JavaScript, a new document without).
 */
async function submitForErrors(page: Page, name: string) {
  await page.evaluate(() => {
    document.querySelector('.error-summary')?.setAttribute('data-e2e-stale', '');
    // (JavaScript on: the same document gets the answer) what the password fields hold when the summary appears
    const w = window as unknown as { __e2ePasswordsAtSummary?: string[] };
    w.__e2ePasswordsAtSummary = undefined;
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.error-summary:not([data-e2e-stale])')) return;
      w.__e2ePasswordsAtSummary = [...document.querySelectorAll<HTMLInputElement>('input[type=password]')].map((i) => i.value);
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole('button', { name, exact: true }).click();
  await page.locator('.error-summary:not([data-e2e-stale])').waitFor();
  await page.waitForLoadState('load');
  const passwordsAtSummary = await page.evaluate(() => (window as unknown as { __e2ePasswordsAtSummary?: string[] }).__e2ePasswordsAtSummary);
  return { ...(await errorSummary(page)), passwordsAtSummary };
}

/** No password survives an error: not when the summary appears (JavaScript on), not afterwards. */
async function expectPasswordsEmptied(page: Page, v: Variant, summary: { passwordsAtSummary?: string[] }) {
  if (v.javaScript) {
    expect(summary.passwordsAtSummary?.length, 'password fields seen when the summary appeared').toBeGreaterThan(0);
    expect(summary.passwordsAtSummary!.every((value) => value === ''), 'password fields emptied before the error is shown').toBe(true);
  }
  for (const input of await page.locator('input[type=password]').all()) expect(await input.inputValue()).toBe('');
}

describe.each(VARIANTS)('STEP1 errors', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: an empty form lists every missing item in a focused summary linking to fields marked 「！」`, async () => {
    await withPage(v, async (page) => {
      await page.goto(`${app.url}/register`);
      // 「必須」 on every required item, before any error
      for (const field of REGISTRATION_FIELDS) {
        const label = page.locator(`.field:has(#field-${field}-label, label[for=field-${field}]) >> .required`).first();
        expect(await label.innerText(), `必須 at ${field}`).toBe(T.required);
      }
      expect(await page.locator('.error-summary').count()).toBe(0);
      // the format hint under the label, read with the field
      expect(await page.locator('#field-name-hint').innerText()).toBe(T.nameHint);
      expect((await page.getAttribute('#field-name', 'aria-describedby'))?.split(' ')).toContain('field-name-hint');

      await submitStep1(page, v);
      const summary = await errorSummary(page);
      expect(summary.role).toBe('alert');
      expect(summary.title).toBe(T.problem);
      // the manual's line once (the audit: the same sentence nine times), then one entry per field naming it
      expect(summary.line).toBe(`WZBAM001E : ${T.fillIn}`);
      expect(summary.text.split(T.fillIn).length - 1, 'the manual\'s message once').toBe(1);
      expect(summary.beforeForm).toBe(true);
      expect(summary.entries.map((e) => e.text)).toEqual(T.emptyStep1);
      await expectPlainErrors(page, summary.entries.map((e) => e.text));
      // each entry links to its field (the three birth parts: one entry, to the year)
      expect(summary.entries.map((e) => e.href)).toEqual([
        '#field-name', '#field-sex', '#field-birthYear', '#field-residenceCode', '#field-residenceAddress', '#field-phone',
        '#field-email', '#field-emailConfirmation', '#field-userClass', '#field-termsAccepted',
      ]);
      for (const entry of summary.entries) expect(entry.targetExists, `target of ${entry.href}`).toBe(true);
      // focus moved to the summary
      expect(await focused(page)).toContain('error-summary');

      // 「！」 and the message at every field; the controls say so
      await expectFieldError(page, 'name', 'WZBAM001E');
      await expectFieldError(page, 'sex', 'WZBAM001E', '#field-sex-label ~ div[role=radiogroup]', '#field-sex');
      await expectFieldError(page, 'birthDate', 'WZBAM001E', '#field-birthYear');
      expect(await page.getAttribute('#field-birthDay', 'aria-invalid')).toBe('true');
      await expectFieldError(page, 'residenceCode', 'WZBAM103E');
      await expectFieldError(page, 'residenceAddress', 'WZBAM104E');
      await expectFieldError(page, 'phone', 'WZBAM001E');
      await expectFieldError(page, 'email', 'WZBAM001E');
      await expectFieldError(page, 'emailConfirmation', 'WZBAM001E');
      await expectFieldError(page, 'userClass', 'WZBAM001E', '#field-userClass-label ~ div[role=radiogroup]', '#field-userClass');
      await expectFieldError(page, 'termsAccepted', 'WZBAM256E');
      await shot(page, 'register-step1-errors', v);
      await expectFitsAt320(page, 'register-step1-errors', v);

      // a summary link takes the user to its field
      await page.locator('.error-summary a[href="#field-email"]').click();
      await expect.poll(() => focused(page)).toBe('field-email');
    });
  });

  it(`${tag(v)}: invalid values are reported with the values kept, then corrected through STEP2 and 戻る`, async () => {
    await withPage(v, async (page) => {
      const email = freshEmail('kept');
      await page.goto(`${app.url}/register`);
      await fillRegistration(page, {
        email,
        emailConfirmation: `other.${email}`,
        name: 'HOUMU 7',
        sex: 'FEMALE',
        birthYear: '1990',
        birthMonth: '2',
        birthDay: '30',
        phone: '0901234567890123',
        userClass: 'LEGAL_REPRESENTATIVE',
        termsAccepted: false,
      });
      expect(await pickResidence(page, { prefecture: '北海道', search: 'さっぽろしちゅうおう' })).toBe(shownResidence(v.locale, '北海道札幌市中央区', 'Sapporo-shi Chuo-ku, Hokkaido'));
      await submitStep1(page, v);

      const summary = await errorSummary(page);
      expect(summary.line).toMatch(/^WZBAM(018|001)E : /);
      const byTarget = Object.fromEntries(summary.entries.map((e) => [e.href, e.text]));
      const named = (label: string) => new RegExp(`^${label.replace(/[()]/g, '\\$&')}${T.colon}\\S`);
      expect(byTarget['#field-name']).toMatch(named(T.label.name));
      expect(byTarget['#field-birthYear']).toMatch(named(T.label.birthDate));
      expect(byTarget['#field-phone']).toMatch(named(T.label.phone));
      expect(byTarget['#field-emailConfirmation']).toMatch(named(T.label.emailConfirmation));
      expect(byTarget['#field-termsAccepted']).toMatch(named(T.label.terms));
      expect(summary.entries).toHaveLength(5);
      await expectPlainErrors(page, summary.entries.map((e) => e.text));
      await expectFieldError(page, 'name', 'WZBAM005E');
      await expectFieldError(page, 'birthDate', 'WZBAM111E', '#field-birthDay');
      await expectFieldError(page, 'emailConfirmation', 'WZBAM159E');
      await expectFieldValid(page, 'email');
      await expectFieldValid(page, 'residenceAddress');

      // every entered value is still there
      expect(await page.inputValue('#field-name')).toBe('HOUMU 7');
      expect(await page.isChecked('#field-sex-FEMALE')).toBe(true);
      expect(await page.inputValue('#field-birthMonth')).toBe('2');
      expect(await page.inputValue('#field-birthDay')).toBe('30');
      expect(await page.inputValue('#field-residenceCode')).toBe(shownResidence(v.locale, '北海道札幌市中央区', 'Sapporo-shi Chuo-ku, Hokkaido'));
      expect(await page.inputValue('input[type=hidden][name=residenceCode]')).toBe('011011');
      expect(await page.inputValue('#field-residenceAddress')).toBe('霞が関1-1-1');
      expect(await page.inputValue('#field-phone')).toBe('0901234567890123');
      expect(await page.inputValue('#field-email')).toBe(email);
      expect(await page.inputValue('#field-emailConfirmation')).toBe(`other.${email}`);
      expect(await page.isChecked('#field-userClass-LEGAL_REPRESENTATIVE')).toBe(true);
      expect(await page.isChecked('#field-termsAccepted')).toBe(false);

      // corrected: STEP2
      await page.fill('#field-name', 'HOUMU HANAKO');
      await page.fill('#field-birthDay', '28');
      await page.fill('#field-phone', '03-1234-5678');
      await page.fill('#field-emailConfirmation', email);
      await page.check('#field-termsAccepted');
      await submitStep1(page, v);
      await page.locator('dl.confirm-list').waitFor();
      expect(await page.locator('main h1').innerText()).toContain(T.step2);
      expect(await page.locator('dl.confirm-list').innerText()).toContain('0312345678');

      // 戻る: STEP1 again, with every value kept
      await page.getByRole('button', { name: T.back, exact: true }).click();
      await page.locator('#field-name').waitFor();
      expect(await page.locator('main h1').innerText()).toContain(T.step1);
      expect(await page.locator('.error-summary').count()).toBe(0);
      expect(await page.inputValue('#field-name')).toBe('HOUMU HANAKO');
      expect(await page.isChecked('#field-sex-FEMALE')).toBe(true);
      expect(await page.inputValue('#field-birthDay')).toBe('28');
      expect(await page.inputValue('#field-residenceCode')).toBe(shownResidence(v.locale, '北海道札幌市中央区', 'Sapporo-shi Chuo-ku, Hokkaido'));
      expect(await page.inputValue('#field-phone')).toBe('03-1234-5678');
      expect(await page.inputValue('#field-emailConfirmation')).toBe(email);
      expect(await page.isChecked('#field-userClass-LEGAL_REPRESENTATIVE')).toBe(true);
      expect(await page.isChecked('#field-termsAccepted')).toBe(true);
      await submitStep1(page, v);
      await page.locator('dl.confirm-list').waitFor();
    });
  });
});

describe.each(VARIANTS.filter((v) => v.javaScript))('STEP1 typed before the script ran', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: every value typed or chosen on the server-rendered page survives hydration and reaches STEP2`, async () => {
    await withPage(v, async (page) => {
      const email = freshEmail('early');
      await beforeHydration(page, `${app.url}/register`, () =>
        fillRegistration(page, { email, name: 'HAYAI HANAKO', sex: 'FEMALE', userClass: 'LEGAL_REPRESENTATIVE', termsAccepted: true }),
      );
      expect(await page.inputValue('#field-name')).toBe('HAYAI HANAKO');
      expect(await page.inputValue('#field-email')).toBe(email);
      expect(await page.isChecked('#field-sex-FEMALE')).toBe(true);
      expect(await page.isChecked('#field-userClass-LEGAL_REPRESENTATIVE')).toBe(true);
      expect(await page.isChecked('#field-termsAccepted')).toBe(true);
      // the dialog needs the script: it has hydrated
      expect(await pickResidence(page, { prefecture: '北海道', search: 'さっぽろしちゅうおう' })).toBe(shownResidence(v.locale, '北海道札幌市中央区', 'Sapporo-shi Chuo-ku, Hokkaido'));
      await submitStep1(page, v);
      await page.locator('dl.confirm-list').waitFor();
      expect(await page.locator('main h1').innerText()).toContain(T.step2);
      const confirmed = await page.locator('dl.confirm-list').innerText();
      expect(confirmed).toContain('HAYAI HANAKO');
      expect(confirmed).toContain(email);
      expect(confirmed).toContain(shownResidence(v.locale, '北海道札幌市中央区', 'Sapporo-shi Chuo-ku, Hokkaido'));
    });
  });
});

describe.each(VARIANTS.filter((v) => v.locale === 'ja'))('STEP1 keys and the residence search', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: Enter in a text field means 確認, never 検索`, async () => {
    await withPage(v, async (page) => {
      await page.goto(`${app.url}/register`);
      await page.fill('#field-phone', '0312345678');
      await page.press('#field-phone', 'Enter');
      await errorSummary(page);
      expect(await page.locator('dialog[open], #residence-search').count()).toBe(0);
      expect(await page.inputValue('#field-phone')).toBe('0312345678');
    });
  });

  it(`${tag(v)}: Enter on a checkbox or radio button submits nothing (JavaScript) or only 確認 (without)`, async () => {
    await withPage(v, async (page) => {
      await page.goto(`${app.url}/register`);
      for (const control of ['#field-termsAccepted', '#field-sex', '#field-userClass-RELATIVE']) {
        await page.focus(control);
        await page.keyboard.press('Enter');
        await page.waitForTimeout(500);
        await page.waitForLoadState('load');
        // never the search
        expect(await page.locator('dialog[open], #residence-search').count()).toBe(0);
        // with JavaScript nothing at all; without it the browser's implicit submission can only reach 確認
        if (v.javaScript) expect(await page.locator('.error-summary').count(), `Enter on ${control}`).toBe(0);
        else expect(['', '?/confirm']).toContain(new URL(page.url()).search);
      }
    });
  });

  it(`${tag(v)}: a search without a prefecture or without a match says so`, async () => {
    await withPage(v, async (page) => {
      await page.goto(`${app.url}/register`);
      await page.locator('.residence-row button').click();
      if (v.javaScript) {
        await page.locator('dialog[open]').waitFor();
        await page.fill('#dialog-search-text', 'ちよ');
        await page.press('#dialog-search-text', 'Enter');
        await expect.poll(() => page.locator('dialog [role=status]').innerText()).toBe(T.needPrefecture);
        await page.selectOption('#dialog-prefecture', { label: '東京都' });
        await page.fill('#dialog-search-text', 'zzzz');
        await page.press('#dialog-search-text', 'Enter');
        await expect.poll(() => page.locator('dialog [role=status]').innerText()).toBe(T.noMunicipality);
        expect(await page.locator('dialog .search-results button').count()).toBe(0);
        // Escape closes the dialog; nothing was chosen
        await page.keyboard.press('Escape');
        await page.locator('dialog[open]').waitFor({ state: 'detached' });
      } else {
        await page.locator('#residence-search').waitFor();
        expect((await page.locator('#residence-search [role=status]').innerText()).trim()).toBe(T.needPrefecture);
        await page.selectOption('#search-prefecture', { label: '東京都' });
        await page.fill('#search-text', 'zzzz');
        await page.locator('#residence-search .search-controls button').click();
        await page.waitForLoadState('load');
        expect((await page.locator('#residence-search [role=status]').innerText()).trim()).toBe(T.noMunicipality);
        expect(await page.locator('#residence-search .search-results button').count()).toBe(0);
      }
      expect(await page.inputValue('input[type=hidden][name=residenceCode]')).toBe('');
    });
  });
});

describe.each(VARIANTS)('set-password errors', (v: Variant) => {
  const T = TEXT[v.locale];
  const entry = (label: string, text: string) => `${label}${T.colon}${text}`;

  it(`${tag(v)}: missing, mismatched and weak passwords are reported with the rule that failed and never kept; a used link is refused`, async () => {
    const account = await registeredAccount(app);
    await withPage(v, async (page) => {
      await page.goto(account.link);
      await page.waitForURL((u) => u.pathname === '/password/set');
      expect(await page.locator('.field .required').count()).toBe(2);
      // the rules show the example, which the server refuses
      expect(await page.locator('#pw-rules-list + p').innerText()).toContain(T.exampleShown);

      // nothing entered
      let summary = await submitForErrors(page, T.register);
      expect(summary.line).toBe(`WZBAM001E : ${T.fillIn}`);
      expect(summary.entries.map((e) => [e.href, e.text])).toEqual([
        ['#field-password', entry(T.label.password, T.fillInEntry)],
        ['#field-passwordConfirmation', entry(T.label.passwordConfirmation, T.fillInEntry)],
      ]);
      if (v.javaScript) expect(await focused(page)).toContain('error-summary');
      await expectFieldError(page, 'password', 'WZBAM001E');
      await expectFieldError(page, 'passwordConfirmation', 'WZBAM001E');

      // the two differ: WZBAM160E at the confirmation, and both fields emptied
      await page.fill('#field-password', 'Minato5$Kuyakusho');
      await page.fill('#field-passwordConfirmation', 'Minato5$Kuyakushx');
      summary = await submitForErrors(page, T.register);
      expect(summary.line).toBe(`WZBAM160E : ${T.mismatch}`);
      expect(summary.entries.map((e) => e.text)).toEqual([entry(T.label.passwordConfirmation, T.mismatchEntry)]);
      await expectPasswordsEmptied(page, v, summary);
      await expectFieldError(page, 'passwordConfirmation', 'WZBAM160E');
      await expectFieldValid(page, 'password');
      expect(await page.content()).not.toContain('Minato5$Kuyakush');
      await shot(page, 'password-set-errors', v);

      // refused by the rules: WZBAM005E at the password, saying which rules failed — in the summary and at the field
      await page.fill('#field-password', 'abcdefgh');
      await page.fill('#field-passwordConfirmation', 'abcdefgh');
      summary = await submitForErrors(page, T.register);
      expect(summary.line).toMatch(/^WZBAM005E : /);
      expect(summary.entries.map((e) => e.text)).toEqual([entry(T.label.password, T.noDigitNoSymbol)]);
      await expectPasswordsEmptied(page, v, summary);
      expect(await expectFieldError(page, 'password', 'WZBAM005E')).toContain(T.noDigitNoSymbol);

      // each password the audit found answered with an unfilled placeholder: its own reason
      for (const [password, reason] of Object.entries(T.reasons)) {
        await page.fill('#field-password', password);
        await page.fill('#field-passwordConfirmation', password);
        summary = await submitForErrors(page, T.register);
        expect(summary.entries, JSON.stringify(password)).toHaveLength(1);
        expect(summary.entries[0].text, JSON.stringify(password)).toMatch(new RegExp(`^${T.label.password}${T.colon}`));
        expect(summary.entries[0].text, JSON.stringify(password)).toContain(reason);
        await expectPlainErrors(page, summary.entries.map((e) => e.text));
        if (password === ' ') {
          await shot(page, 'password-set-reasons', v);
          await expectFitsAt320(page, 'password-set-reasons', v);
        }
      }

      // contains the 認証ID: the message, never the internal code
      const withId = `${account.authId.toUpperCase()}7$x`;
      await page.fill('#field-password', withId);
      await page.fill('#field-passwordConfirmation', withId);
      summary = await submitForErrors(page, T.register);
      expect(summary.line, 'no line of an internal code: the entry says it').toBe('');
      expect(summary.entries.map((e) => [e.href, e.text])).toEqual([['#field-password', entry(T.label.password, T.containsAuthId)]]);
      await expectFieldError(page, 'password', 'PASSWORD_CONTAINS_AUTH_ID');
      await expectPlainErrors(page, summary.entries.map((e) => e.text));

      // a common password, decorated to pass the format rule
      await page.fill('#field-password', 'Password1!');
      await page.fill('#field-passwordConfirmation', 'Password1!');
      summary = await submitForErrors(page, T.register);
      expect(summary.entries.map((e) => e.text)).toEqual([entry(T.label.password, T.common)]);
      await expectFieldError(page, 'password', 'PASSWORD_TOO_COMMON');
      await expectPasswordsEmptied(page, v, summary);
      await expectPlainErrors(page, summary.entries.map((e) => e.text));

      // the example the page itself shows
      await page.fill('#field-password', 'Kasumi7$Seki');
      await page.fill('#field-passwordConfirmation', 'Kasumi7$Seki');
      summary = await submitForErrors(page, T.register);
      expect(summary.entries.map((e) => e.text)).toEqual([entry(T.label.password, T.example)]);
      await expectPlainErrors(page, summary.entries.map((e) => e.text));

      // right: completion; the same link again is refused as soon as it is opened, without a form
      await page.fill('#field-password', PASSWORD);
      await page.fill('#field-passwordConfirmation', PASSWORD);
      await page.getByRole('button', { name: T.register, exact: true }).click();
      await page.waitForURL(/\/password\/set\/done$/);

      await page.goto(account.link);
      await page.getByRole('heading', { level: 1, name: T.invalidLinkTitle }).waitFor();
      // the message, without the internal code LINK_INVALID
      expect(await page.locator('.error-summary .error-line').innerText()).toMatch(new RegExp(`^${T.linkInvalid}`));
      await expectPlainErrors(page, []);
      expect(await page.locator('#field-password').count()).toBe(0);
      await shot(page, 'password-set-invalid-link', v);
    });
  });
});

describe.each(VARIANTS.filter((v) => v.javaScript))('the strength guide', (v: Variant) => {
  const GUIDE = {
    ja: { strong: '強い', fair: '普通', unmet: '条件を満たしていません', example: '画面の例と同じため使用できません', server: '使用できません：' },
    en: { strong: 'strong', fair: 'fair', unmet: 'does not meet the rules yet', example: 'cannot be used: it is the example shown above', server: 'cannot be used: ' },
  }[v.locale];

  it(`${tag(v)}: never calls a password 強い that the server refuses; shows the failing rule instead`, async () => {
    const account = await registeredAccount(app);
    await withPage(v, async (page) => {
      await page.goto(account.link);
      await page.waitForURL((u) => u.pathname === '/password/set');
      // the verdict once settled: a password that passes the browser's checks shows '…' until the server answered
      const verdict = async (password: string) => {
        await page.fill('#field-password', password);
        await page.locator('#pw-strength strong').waitFor();
        await page.waitForFunction(() => document.querySelector('#pw-strength strong')?.textContent?.trim() !== '…');
        return (await page.locator('#pw-strength strong').innerText()).trim();
      };
      // the example on screen (the old guide called it 強い; the server refuses it)
      expect(await verdict('Kasumi7$Seki')).toBe(GUIDE.example);
      await shot(page, 'password-set-strength-example', v);
      // a rule not met: the rule, not a level
      for (const p of ['password', 'Ab1!', ' ', '*', 'ＡＢＣ１２３４！', `Hibiya4#${'k'.repeat(25)}`]) {
        expect(await verdict(p), JSON.stringify(p)).toContain(GUIDE.unmet);
      }
      expect(await page.locator('#pw-strength li.unmet').count()).toBeGreaterThan(0);
      await expectFitsAt320(page, 'password-set-strength-unmet', v);
      // a decorated common word, and a keyboard walk the browser alone would call 強い: the server's list refuses both,
      // and the guide says so instead of a level
      expect(await verdict('Password1234!')).toMatch(new RegExp(`^${GUIDE.server}`));
      expect(await verdict('Q1w2e3r4t5y6u7.')).toMatch(new RegExp(`^${GUIDE.server}`));
      expect(await page.locator('#pw-strength .strength-bar.level-1').count()).toBe(1);
      // one the server takes but with one case only: 普通
      expect(await verdict('odawara8#sakura')).toBe(GUIDE.fair);
      // a good one: 強い, and the server takes it
      expect(await verdict(PASSWORD)).toBe(GUIDE.strong);
      await page.fill('#field-passwordConfirmation', PASSWORD);
      await page.getByRole('button', { name: v.locale === 'ja' ? '登録' : 'Register', exact: true }).click();
      await page.waitForURL(/\/password\/set\/done$/);
    });
  });
});

describe.each(VARIANTS.filter((v) => v.javaScript !== (v.locale === 'en')))('set-password link problems', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: a link that dies while its page is open is refused on submission; a made-up token or none at once`, async () => {
    const account = await registeredAccount(app);
    await withPage(v, async (page) => {
      await page.goto(account.link);
      await page.waitForURL((u) => u.pathname === '/password/set');
      // meanwhile the link is used elsewhere (another tab, another device)
      const used = await gqlAt(app.url, SET_PASSWORD, { input: { token: account.token, password: PASSWORD, passwordConfirmation: PASSWORD } });
      expect(used.data.setPassword.__typename).toBe('PasswordSet');
      await page.fill('#field-password', 'Another9$Pass');
      await page.fill('#field-passwordConfirmation', 'Another9$Pass');
      await page.getByRole('button', { name: T.register, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: T.invalidLinkTitle }).waitFor();
      expect(await page.locator('.error-summary .error-line').innerText()).toMatch(new RegExp(`^${T.linkInvalid}`));
      expect(await page.locator('#field-password').count()).toBe(0);
      if (v.javaScript) expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    });
    for (const path of [`/password/set?token=made-up-token-${Date.now()}`, '/password/set']) {
      await withPage(v, async (page) => {
        await page.goto(`${app.url}${path}`);
        expect(await page.locator('main h1').innerText()).toBe(T.invalidLinkTitle);
        expect(await page.locator('#field-password').count()).toBe(0);
        if (path === '/password/set') await shot(page, 'password-set-no-token', v);
      });
    }
  });
});

describe.each(VARIANTS)('login errors', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: missing and wrong credentials are reported, the 認証ID kept and the password never`, async () => {
    const account = await activeAccount(app);
    await withPage(v, async (page) => {
      // a page behind login sends the browser to the login page
      await page.goto(`${app.url}/menu`);
      await page.waitForURL(/\/login$/);
      expect(await page.locator('.field .required').count()).toBe(2);

      let summary = await submitForErrors(page, T.login);
      expect(summary.line).toBe(`WZBAM001E : ${T.fillIn}`);
      expect(summary.entries.map((e) => e.href).sort()).toEqual(['#field-authId', '#field-password']);
      if (v.javaScript) expect(await focused(page)).toContain('error-summary');
      await expectFieldError(page, 'authId', 'WZBAM001E');
      await expectFieldError(page, 'password', 'WZBAM001E');

      // wrong password and unknown 認証ID: the same answer (no enumeration)
      const answers: string[] = [];
      for (const authId of [account.authId, 'zzzzz99999']) {
        await page.fill('#field-authId', authId);
        await page.fill('#field-password', 'Wrong7$Password');
        summary = await submitForErrors(page, T.login);
        expect(summary.line).toBe(`WZBAM005E : ${T.credentials}`);
        answers.push(summary.line);
        expect(page.url()).toMatch(/\/login$/);
        expect(await page.inputValue('#field-authId')).toBe(authId);
        await expectPasswordsEmptied(page, v, summary);
        // 「！」 and the message at both fields; the summary says it once, linking to the first
        await expectFieldError(page, 'authId', 'WZBAM005E');
        await expectFieldError(page, 'password', 'WZBAM005E');
        expect(summary.entries).toEqual([]);
        expect(await page.locator('.error-summary .error-line a').getAttribute('href')).toBe('#field-authId');
        expect(await page.content()).not.toContain('Wrong7$Password');
      }
      expect(answers[0]).toBe(answers[1]);
      await shot(page, 'login-errors', v);
    });
  });
});

describe('login account states', () => {
  it('ja-js / en-nojs: five failures lock the account; the right password then shows WZBAM153E with its remedy', async () => {
    for (const v of [VARIANTS[0], VARIANTS[3]]) {
      const T = TEXT[v.locale];
      const account = await activeAccount(app);
      await withPage(v, async (page) => {
        await page.goto(`${app.url}/login`);
        for (let i = 0; i < 5; i++) {
          await page.fill('#field-authId', account.authId);
          await page.fill('#field-password', `Wrong7$${i}`);
          expect((await submitForErrors(page, T.login)).line).toMatch(/^WZBAM005E : /);
        }
        await page.fill('#field-authId', account.authId);
        await page.fill('#field-password', PASSWORD);
        const summary = await submitForErrors(page, T.login);
        expect(summary.line).toMatch(/^WZBAM153E : /);
        expect(summary.title, 'a lock is no input mistake').toBe(T.notInputTitle);
        expect(summary.line).toContain(T.locked);
        expect(summary.remedy).toContain(T.lockedRemedy);
        expect(summary.remedy).toMatch(new RegExp(`${T.unlocksAt}\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}`));
        expect(page.url()).toMatch(/\/login$/);
        await shot(page, 'login-locked', v);
      });
    }
  });

  it('ja-nojs / en-js: a suspended account hears WZBAM155E only after the right password', async () => {
    for (const v of [VARIANTS[1], VARIANTS[2]]) {
      const T = TEXT[v.locale];
      const account = await activeAccount(app);
      await app.sql("update user_account set status = 'SUSPENDED' where auth_id = $1", [account.authId]);
      await withPage(v, async (page) => {
        await page.goto(`${app.url}/login`);
        await page.fill('#field-authId', account.authId);
        await page.fill('#field-password', 'Wrong7$Password');
        expect((await submitForErrors(page, T.login)).line).toBe(`WZBAM005E : ${T.credentials}`);
        await page.fill('#field-password', PASSWORD);
        const summary = await submitForErrors(page, T.login);
        expect(summary.line).toBe(`WZBAM155E : ${T.suspended}`);
        expect(summary.remedy).toBe(T.helpdesk);
        await shot(page, 'login-suspended', v);
      });
    }
  });
});
