/**
 * Browser helpers for the registration screens (screens 3/3b/3c, 4), for browser tests with playwright-core.
 * They work with JavaScript on and off (`javaScriptEnabled: false`): the residence search is a <dialog> with
 * JavaScript and a panel inside the form (a server round trip) without it.
 *
 * Stable hooks the pages provide (ids follow Field.svelte's `field-NAME`):
 * - STEP1: #field-name, #field-sex (MALE) / #field-sex-FEMALE, #field-birthYear/-birthMonth/-birthDay,
 *   #field-residenceCode (the read-only name; the code is input[type=hidden][name=residenceCode]), the 検索 button
 *   `.residence-row button`, #field-residenceAddress, #field-phone, #field-email, #field-emailConfirmation,
 *   #field-userClass (LAWYER_OR_SCRIVENER) / #field-userClass-<CLASS>, #field-termsAccepted;
 *   the visible 確認 is `form .actions button[type=submit]` (a hidden copy is the form's first button, for Enter).
 * - dialog (JS): #dialog-prefecture, #dialog-search-text, `dialog .search-results button` (選択), role=status count.
 * - panel (no JS): #residence-search, #search-prefecture, #search-text, `#residence-search .search-results button`.
 * - STEP2: `dl.confirm-list`; 登録 is the first button of `form .actions`, 戻る the second.
 * - screen 4: #field-password, #field-passwordConfirmation, `form .actions button`.
 *
 * Example:
 *   const browser = await launchChromium();
 *   const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
 *   await page.goto(`${base}/register`);
 *   await fillRegistration(page, { email });
 *   await pickResidence(page, { prefecture: '東京都', search: 'ちよ' });
 *   const mail = await waitForMail(base, email);
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** One Chromium launcher for every browser test: test/support/browser.ts. */
export { launchChromium } from '../../support/browser.js';

export interface RegistrationEntry {
  name: string;
  sex: 'MALE' | 'FEMALE';
  birthYear: string;
  birthMonth: string;
  birthDay: string;
  residenceAddress: string;
  phone: string;
  email: string;
  emailConfirmation?: string;
  userClass: 'LAWYER_OR_SCRIVENER' | 'FOREIGN_NATIONAL' | 'LEGAL_REPRESENTATIVE' | 'RELATIVE' | 'COUNTER_COE_RECIPIENT';
  termsAccepted: boolean;
}

export const VALID_ENTRY: Omit<RegistrationEntry, 'email'> = {
  name: 'HOUMU TARO',
  sex: 'MALE',
  birthYear: '1990',
  birthMonth: '4',
  birthDay: '1',
  residenceAddress: '霞が関1-1-1',
  phone: '09012345678',
  userClass: 'COUNTER_COE_RECIPIENT',
  termsAccepted: true,
};

/** Fills STEP1 (everything but the residence, which needs the search). */
export async function fillRegistration(page: Page, entry: Partial<RegistrationEntry> & { email: string }): Promise<void> {
  const e: RegistrationEntry = { ...VALID_ENTRY, ...entry };
  await page.fill('#field-name', e.name);
  await page.check(e.sex === 'MALE' ? '#field-sex' : '#field-sex-FEMALE');
  await page.fill('#field-birthYear', e.birthYear);
  await page.fill('#field-birthMonth', e.birthMonth);
  await page.fill('#field-birthDay', e.birthDay);
  await page.fill('#field-residenceAddress', e.residenceAddress);
  await page.fill('#field-phone', e.phone);
  await page.fill('#field-email', e.email);
  await page.fill('#field-emailConfirmation', e.emailConfirmation ?? e.email);
  await page.check(e.userClass === 'LAWYER_OR_SCRIVENER' ? '#field-userClass' : `#field-userClass-${e.userClass}`);
  if (e.termsAccepted) await page.check('#field-termsAccepted');
  else await page.uncheck('#field-termsAccepted');
}

/**
 * 検索 → prefecture (by its Japanese name) → optional search text → 選択 on the first (or `index`-th) result.
 * Returns the read-only residence name shown afterwards; with `results`, first checks that the results list shows
 * exactly those names (each result's text without its button).
 */
export async function pickResidence(
  page: Page,
  opts: { prefecture: string; search?: string; index?: number; results?: string[] },
): Promise<string> {
  await page.locator('.residence-row button').click();
  // with JavaScript a dialog opens; without it the page comes back with the search panel
  await page.locator('dialog[open], #residence-search').first().waitFor();
  if (await page.locator('dialog[open]').count()) {
    await page.selectOption('#dialog-prefecture', { label: await prefectureOptionLabel(page, '#dialog-prefecture', opts.prefecture) });
    if (opts.search) {
      await page.fill('#dialog-search-text', opts.search);
      await page.press('#dialog-search-text', 'Enter');
    }
    await page.locator('dialog [role=status]').filter({ hasText: /\d/ }).waitFor();
    if (opts.results) await expect.poll(() => page.locator('dialog .search-results li > span').allInnerTexts()).toEqual(opts.results);
    await page.locator('dialog .search-results button').nth(opts.index ?? 0).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => undefined);
  } else {
    await page.locator('#residence-search').waitFor();
    await page.selectOption('#search-prefecture', { label: await prefectureOptionLabel(page, '#search-prefecture', opts.prefecture) });
    await page.fill('#search-text', opts.search ?? '');
    await page.locator('#residence-search .search-controls button').click();
    if (opts.results) await expect.poll(() => page.locator('#residence-search .search-results li > span').allInnerTexts()).toEqual(opts.results);
    await page.locator('#residence-search .search-results button').nth(opts.index ?? 0).click();
    await page.waitForLoadState('load');
  }
  return page.inputValue('#field-residenceCode');
}

/**
 * How a page shows a residence (client/src/lib/i18n/places.ts): its Japanese full name, or on an English page the
 * English one first with the Japanese in brackets.
 */
export function shownResidence(locale: 'ja' | 'en', ja: string, en: string): string {
  return locale === 'en' ? `${en} (${ja})` : ja;
}

/** The option label of the prefecture named in Japanese: 東京都, or "Tokyo (東京都)" on an English page. */
async function prefectureOptionLabel(page: Page, select: string, prefecture: string): Promise<string> {
  const labels = await page.locator(`${select} option`).allTextContents();
  const label = labels.find((l) => l === prefecture || l.endsWith(` (${prefecture})`));
  if (!label) throw new Error(`no prefecture option ${prefecture}`);
  return label;
}

export interface DevMail {
  id: string;
  to: string[];
  subject: string;
  text: string;
}

/** Polls the development mailbox (GET /dev/mailbox/messages.json, newest first) for the newest mail to `to`. */
export async function waitForMail(base: string, to: string, opts: { timeoutMs?: number; match?: RegExp } = {}): Promise<DevMail> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  for (;;) {
    const mails = (await (await fetch(`${base}/dev/mailbox/messages.json`)).json()) as DevMail[];
    const mail = mails.find((m) => m.to.includes(to) && (!opts.match || opts.match.test(m.subject + '\n' + m.text)));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} within the deadline`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The set-password link and the 認証ID of a registration mail. */
export function registrationMailParts(mail: DevMail): { link: string; authId: string } {
  const link = mail.text.match(/https?:\/\/\S+\/password\/set\?token=\S+/)?.[0];
  const authId = mail.text.match(/認証ID：(\S+)/)?.[1];
  if (!link || !authId) throw new Error('not a registration mail');
  return { link, authId };
}
