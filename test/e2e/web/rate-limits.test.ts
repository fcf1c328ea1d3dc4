import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { fillRegistration, pickResidence, shownResidence } from '../support/registration-ui.js';
import { gqlAt } from '../../support/server-process.js';
import { PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION } from '../../support/fixtures.js';
import { VARIANTS, freshEmail, registeredAccount, shot, tag, type Variant, startWebSuite, stopWebSuite } from '../support/web-ui.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * The rate limits as the screens show them (rules.md §7, at their real size: RATE_LIMIT_MULTIPLIER=1): a refused
 * registration, login or link submission is a form error (RATE_LIMITED) with the entered values kept — never the
 * system error page. The budgets are used up through the API from this machine, the same client address as the
 * browser's.
 */
let app: WebApp;
let browser: Browser;

/** real first-password links, made before the tests use up this address's registration budget */
let realLinks: string[];

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1' });
  realLinks = [(await registeredAccount(app)).link, (await registeredAccount(app)).link];
});

afterAll(() => stopWebSuite(app, browser));

const TEXT = {
  ja: { confirm: '確認', register: '登録', login: 'ログイン', systemError: 'システムエラー', invalidLinkTitle: 'このリンクは使用できません' },
  en: { confirm: 'Confirm', register: 'Register', login: 'Log in', systemError: 'System error', invalidLinkTitle: 'This link cannot be used' },
} as const;

async function rateLimitedSummary(page: Page): Promise<string> {
  await page.locator('.error-summary .error-line').waitFor();
  await page.waitForLoadState('load');
  return (await page.locator('.error-summary .error-line').innerText()).trim();
}

describe.each([VARIANTS[1], VARIANTS[2]])('rate limits on the screens', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: a registration over the per-address limit is refused on STEP2 with every value kept`, async () => {
    const email = freshEmail('limited');
    // the address's budget (3 an hour) is used up elsewhere
    for (let i = 0; i < 3; i++) {
      const res = await gqlAt(app.url, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
      expect(res.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
    }
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/register`);
      await fillRegistration(page, { email, name: 'HOUMU JIRO' });
      await pickResidence(page, { prefecture: '東京都', search: 'ちよ' });
      await page.getByRole('button', { name: T.confirm, exact: true }).click();
      await page.locator('dl.confirm-list').waitFor();
      await page.getByRole('button', { name: T.register, exact: true }).click();
      // the message (how long to wait), without the internal code RATE_LIMITED
      expect(await rateLimitedSummary(page)).toMatch(/^(短時間に多くの要求がありました。約\d+(分|秒)後に|Too many requests in a short time\. Please try again in about \d+ (minute|second)s?)/);
      expect(await page.locator('main h1').innerText()).not.toContain(T.systemError);
      expect(await page.inputValue('#field-name')).toBe('HOUMU JIRO');
      expect(await page.inputValue('#field-email')).toBe(email);
      expect(await page.inputValue('#field-residenceCode')).toBe(shownResidence(v.locale, '東京都千代田区', 'Chiyoda-ku, Tokyo'));
      expect(await page.isChecked('#field-termsAccepted')).toBe(true);
      await shot(page, 'register-rate-limited', v);
    } finally {
      await context.close();
    }
  });
});

describe('rate limits shared by the whole address', () => {
  it('ja-js / en-nojs: over the made-up-link limit a made-up link is just invalid (never the system error page), and a real link still works', async () => {
    // 20 unknown tokens in 10 minutes is the budget of an address
    for (let i = 0; i < 20; i++) {
      await gqlAt(app.url, SET_PASSWORD, { input: { token: `made-up-${i}-${Date.now()}`, password: PASSWORD, passwordConfirmation: PASSWORD } });
    }
    for (const v of [VARIANTS[0], VARIANTS[3]]) {
      const context = await newContext(browser, v);
      const page = await context.newPage();
      try {
        // the page checks the link when it opens; the refusal of an unknown token is the invalid-link page
        await page.goto(`${app.url}/password/set?token=made-up-${tag(v)}`);
        expect(await page.locator('main h1').innerText()).toBe(TEXT[v.locale].invalidLinkTitle);
        expect(await page.locator('#field-password').count()).toBe(0);
        // a real link is never counted nor refused
        await page.goto(realLinks.pop()!);
        await page.fill('#field-password', PASSWORD);
        await page.fill('#field-passwordConfirmation', PASSWORD);
        await page.getByRole('button', { name: TEXT[v.locale].register, exact: true }).click();
        await page.waitForURL(/\/password\/set\/done$/);
      } finally {
        await context.close();
      }
    }
  });

  it('ja-nojs / en-js: logins over the failure limit are refused as a form error with the 認証ID kept', async () => {
    // 20 failed logins in 10 minutes is the budget of an address
    const LOGIN = /* GraphQL */ `mutation L($input: LoginInput!) { login(input: $input) { __typename } }`;
    for (let i = 0; i < 20; i++) {
      const res = await gqlAt(app.url, LOGIN, { input: { authId: `zzzzz${String(10000 + i)}`, password: 'Wrong7$Password' } });
      expect(res.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
    }
    for (const v of [VARIANTS[1], VARIANTS[2]]) {
      const context = await newContext(browser, v);
      const page = await context.newPage();
      try {
        await page.goto(`${app.url}/login`);
        await page.fill('#field-authId', 'abcde12345');
        await page.fill('#field-password', 'Wrong7$Password');
        await page.getByRole('button', { name: TEXT[v.locale].login, exact: true }).click();
        await page.locator('.error-summary').or(page.locator('main h1', { hasText: TEXT[v.locale].systemError })).first().waitFor();
        expect(await page.locator('main h1').innerText()).not.toContain(TEXT[v.locale].systemError);
        // the message (how long to wait), without the internal code RATE_LIMITED
        expect(await rateLimitedSummary(page)).toMatch(/^(短時間に多くの要求がありました。約\d+(分|秒)後に|Too many requests in a short time\. Please try again in about \d+ (minute|second)s?)/);
        expect(page.url()).toMatch(/\/login$/);
        expect(await page.inputValue('#field-authId')).toBe('abcde12345');
        expect(await page.inputValue('#field-password')).toBe('');
        await shot(page, 'login-rate-limited', v);
      } finally {
        await context.close();
      }
    }
  });
});
