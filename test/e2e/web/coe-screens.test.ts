import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { requestGql } from '../../support/test-server.js';
import { REVOKE_COE } from '../../server/coe/coe-helpers.js';
import { mailSettled } from '../support/account-ui.js';
import { coeMail, issueCoeTo, staffSession } from '../support/coe-ui.js';
import {
  VARIANTS,
  activeAccount,
  expectAccessible,
  expectFitsAt320,
  h1,
  shot,
  startWebSuite,
  stopWebSuite,
  tag,
  type Variant,
} from '../support/web-ui.js';

vi.setConfig({ testTimeout: 180_000 });

/**
 * The electronic COE's applicant screens (docs/spec/screens.md, screens 16–20) in the four variants: a clerk issues a
 * COE → the mail arrives → its 受領登録 link → the login page → back to the confirmation → the completion page → the
 * detail (every field, the QR code) and the list → メールを再送信 up to the limit → the print view (one A4 page). Then
 * the link's refusals (another account, a used link, a revoked COE) and the other classes (no tile, no list).
 */
let app: WebApp;
let browser: Browser;
let dataDir: string;
let staffToken: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'coe-web-'));
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000', DATA_DIR: dataDir });
  staffToken = await staffSession(app);
});

afterAll(async () => {
  await stopWebSuite(app, browser);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const TEXT = {
  ja: {
    tile: '在留資格認定証明書（電子交付）',
    tileButton: '在留資格認定証明書を確認する',
    confirmTitle: '在留資格認定証明書の受領登録',
    submit: '受領登録する',
    doneTitle: '受領登録完了',
    toDetail: '在留資格認定証明書の詳細へ',
    listTitle: '在留資格認定証明書（電子交付）一覧',
    detailTitle: '在留資格認定証明書（電子交付）詳細',
    registered: '受領登録済み',
    resend: 'メールを再送信',
    resent: 'メールを再送信しました。',
    limited: '本日すでに3回再送信しています',
    print: '印刷用の画面を表示',
    status: '技術・人文知識・国際業務',
    notYours: '別の利用者',
    used: '受領登録用のリンク',
    revoked: '取り消された',
  },
  en: {
    tile: 'Certificate of Eligibility (electronic issuance)',
    tileButton: 'View certificates',
    confirmTitle: 'Register receipt of a Certificate of Eligibility',
    submit: 'Register receipt',
    doneTitle: 'Receipt registered',
    toDetail: 'Certificate details',
    listTitle: 'Certificates of Eligibility (electronic issuance)',
    detailTitle: 'Certificate of Eligibility: details',
    registered: 'Receipt registered',
    resend: 'Send the mail again',
    resent: 'The mail was sent again.',
    limited: 'already been sent again 3 times today',
    print: 'Printable page',
    status: 'Engineer/Specialist in Humanities/International Services',
    notYours: 'another',
    used: 'link',
    revoked: 'revoked',
  },
} as const;

/** Fills the login form where the browser landed (the address keeps its `?next=`) and waits for the page after it. */
async function loginHere(page: Page, authId: string, password: string): Promise<void> {
  await page.fill('#field-authId', authId);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('form .actions button[type=submit]').click()]);
}

/** Clicks and waits for the address the click leads to (a link, or a form that redirects). */
async function clickTo(page: Page, locator: ReturnType<Page['locator']>, pathname: string | RegExp): Promise<void> {
  await Promise.all([page.waitForURL((u) => (typeof pathname === 'string' ? u.pathname === pathname : pathname.test(u.pathname))), locator.click()]);
}

describe.each(VARIANTS)('the COE journey', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: issued → mail → 受領登録 link → login → confirmation → completion → detail, list, resend ×3 then the limit, print`, async () => {
    const account = await activeAccount(app);
    await mailSettled(app, account.authId);
    const coe = await issueCoeTo(app, staffToken, account.authId, { name: 'Tran Thi Hoa', birthDate: '1996-05-20', sex: 'FEMALE' });
    const { receiptLink } = await coeMail(app, account.email, coe.number);
    expect(receiptLink).toMatch(/\/coe\/receipt\?token=/);

    const context = await newContext(browser, v);
    const page = await context.newPage();
    // the CSP stays intact: nothing on these pages is refused by it (the QR code is markup, the scripts are files)
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    try {
      // the link without a session: the token leaves the address, the login page comes first, and then the confirmation
      await page.goto(receiptLink);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/coe/receipt');
      expect(page.url()).not.toContain('token');
      await loginHere(page, account.authId, account.password);
      expect(new URL(page.url()).pathname).toBe('/coe/receipt');
      expect(await h1(page)).toBe(T.confirmTitle);
      await shot(page, 'coe-receipt-confirm', v);
      if (v.javaScript) await expectAccessible(page, 'coe-receipt-confirm');

      await clickTo(page, page.getByRole('button', { name: T.submit, exact: true }), '/coe/receipt/done');
      expect(await h1(page)).toBe(T.doneTitle);
      expect(await page.locator('main').innerText()).toContain(coe.number);
      await shot(page, 'coe-receipt-done', v);
      if (v.javaScript) await expectAccessible(page, 'coe-receipt-done');
      await expectFitsAt320(page, 'coe-receipt-done', v);

      // the detail: every field, the state, the QR code of the verification URL
      await clickTo(page, page.locator('main').getByRole('link', { name: T.toDetail, exact: true }), `/coe/${coe.number}`);
      expect(await h1(page)).toBe(T.detailTitle);
      const main = await page.locator('main').innerText();
      for (const shown of [coe.number, 'TRAN THI HOA', T.status, T.registered, 'Kasumigaseki Systems K.K.']) expect(main).toContain(shown);
      expect(await page.locator('.qr svg path').count()).toBeGreaterThan(0);
      expect(await page.locator('a.verify-link').getAttribute('href')).toBe(coe.verificationUrl);
      await shot(page, 'coe-detail', v);
      if (v.javaScript) await expectAccessible(page, 'coe-detail');
      await expectFitsAt320(page, 'coe-detail', v);

      // the list, from the menu's tile
      await page.goto(`${app.url}/menu`);
      expect(await page.locator('#coe-heading').innerText()).toBe(T.tile);
      await shot(page, 'coe-menu', v);
      if (v.javaScript) await expectAccessible(page, 'coe-menu');
      await clickTo(page, page.locator('main').getByRole('link', { name: T.tileButton, exact: true }), '/coe');
      expect(await h1(page)).toBe(T.listTitle);
      const row = page.locator('table.coe-list tbody tr').filter({ hasText: coe.number });
      expect(await row.innerText()).toContain(T.registered);
      expect(await row.innerText()).toContain('TRAN THI HOA');
      await shot(page, 'coe-list', v);
      if (v.javaScript) await expectAccessible(page, 'coe-list');
      await expectFitsAt320(page, 'coe-list', v);

      if (v.locale === 'ja' && v.javaScript) {
        // furigana on: the easy-Japanese lines carry <ruby> readings, on the menu's tile and the list
        await page.goto(`${app.url}/coe?furigana=on`);
        expect(await page.locator('main ruby').count()).toBeGreaterThan(0);
        await shot(page, 'coe-list-furigana', v);
        await expectAccessible(page, 'coe-list-furigana');
        await page.goto(`${app.url}/menu`);
        expect(await page.locator('section[aria-labelledby="coe-heading"] ruby').count()).toBeGreaterThan(0);
        await shot(page, 'coe-menu-furigana', v);
        await expectAccessible(page, 'coe-menu-furigana');
        await page.goto(`${app.url}/menu?furigana=off`);
      }

      // メールを再送信: three a day per COE, then a clear message
      await page.goto(`${app.url}/coe/${coe.number}`);
      for (let i = 1; i <= 3; i += 1) {
        await page.getByRole('button', { name: T.resend, exact: true }).click();
        await page.locator('.resend-answer').filter({ hasText: T.resent }).waitFor();
        await coeMail(app, account.email, coe.number, i);
      }
      await page.getByRole('button', { name: T.resend, exact: true }).click();
      await page.locator('.resend-answer').filter({ hasText: T.limited }).waitFor();
      await shot(page, 'coe-detail-resend-limited', v);
      if (v.javaScript) await expectAccessible(page, 'coe-detail-resend-limited');

      // the print view: printed, the sheet alone fits one A4 page
      await page.goto(`${app.url}/coe/${coe.number}`);
      await clickTo(page, page.locator('main').getByRole('link', { name: T.print, exact: true }), `/coe/${coe.number}/print`);
      expect(await page.locator('.print-sheet .qr svg').count()).toBe(1);
      await shot(page, 'coe-print', v);
      if (v.javaScript) await expectAccessible(page, 'coe-print');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.frame-header').isVisible()).toBe(false);
      await shot(page, 'coe-print-media', v);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const pdfText = pdf.toString('latin1');
      expect(pdfText.match(/\/Type\s*\/Page[^s]/g)?.length, 'one page').toBe(1);
      // A4: 210 × 297 mm = 595.28 × 841.89 pt
      const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(pdfText)?.[1].trim().split(/\s+/).map(Number);
      expect(box?.map(Math.round), 'an A4 page').toEqual([0, 0, 595, 842]);
      expect(refused, 'CSP violations').toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the 受領登録 link refused', () => {
  it('ja-nojs and en-js: another account\'s link, a used link, a revoked COE; an account of another class has no tile and no list; no redirect off the site', async () => {
    const recipient = await activeAccount(app);
    const other = await activeAccount(app);
    const foreigner = await activeAccount(app, { userClass: 'FOREIGN_NATIONAL' });
    await Promise.all([recipient, other, foreigner].map((a) => mailSettled(app, a.authId)));
    const coe = await issueCoeTo(app, staffToken, recipient.authId);
    const { receiptLink } = await coeMail(app, recipient.email, coe.number);

    for (const v of [{ locale: 'ja', javaScript: false }, { locale: 'en', javaScript: true }] as const) {
      const T = TEXT[v.locale];
      const context = await newContext(browser, v);
      const page = await context.newPage();
      try {
        // logged in as another recipient: CoeNotYoursError, and the link keeps working for its recipient
        await page.goto(receiptLink);
        await loginHere(page, other.authId, other.password);
        await page.getByRole('button', { name: T.submit, exact: true }).click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary').innerText()).toContain(v.locale === 'ja' ? '在留資格認定証明書' : 'Certificate');
        await shot(page, 'coe-receipt-not-yours', v);
        if (v.javaScript) await expectAccessible(page, 'coe-receipt-not-yours');
      } finally {
        await context.close();
      }
    }

    // the recipient registers; the same link again is refused as used
    const context = await newContext(browser, { locale: 'ja', javaScript: false });
    const page = await context.newPage();
    try {
      await page.goto(receiptLink);
      await loginHere(page, recipient.authId, recipient.password);
      await clickTo(page, page.getByRole('button', { name: TEXT.ja.submit, exact: true }), '/coe/receipt/done');
      await page.goto(receiptLink);
      expect(new URL(page.url()).pathname).toBe('/coe/receipt');
      await page.getByRole('button', { name: TEXT.ja.submit, exact: true }).click();
      await page.locator('.error-summary').waitFor();
      const used = await page.locator('.error-summary').innerText();
      expect(used).not.toMatch(/COE_LINK_INVALID/);
      await shot(page, 'coe-receipt-used', { locale: 'ja', javaScript: false });

      // a revoked COE's link: refused as revoked or expired
      const revokedCoe = await issueCoeTo(app, staffToken, recipient.authId);
      const revokedMail = await coeMail(app, recipient.email, revokedCoe.number);
      const revoked = await requestGql(app.url, REVOKE_COE, { input: { number: revokedCoe.number, reason: '記載事項の誤りのため' } }, { endpoint: '/staff/graphql', token: staffToken });
      expect(revoked.data.revokeCoe.__typename, JSON.stringify(revoked)).toBe('CoeRevoked');
      await page.goto(revokedMail.receiptLink);
      await page.getByRole('button', { name: TEXT.ja.submit, exact: true }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').innerText()).not.toBe(used);
      // the list shows it revoked; its detail offers no QR code and no resend
      await page.goto(`${app.url}/coe`);
      expect(await page.locator('table.coe-list tbody tr').filter({ hasText: revokedCoe.number }).innerText()).toContain('取消し');
      await page.goto(`${app.url}/coe/${revokedCoe.number}`);
      expect(await page.locator('.qr').count()).toBe(0);
      expect(await page.getByRole('button', { name: TEXT.ja.resend }).count()).toBe(0);
      await shot(page, 'coe-detail-revoked', { locale: 'ja', javaScript: false });
      // another's COE number in the address: not found
      const notMine = await page.goto(`${app.url}/coe/${coe.number.replace(/.$/, (d) => String((Number(d) + 1) % 10))}`);
      expect(notMine?.status()).toBe(404);
    } finally {
      await context.close();
    }

    // another class: no tile on the menu, and /coe goes back to the menu
    const fnContext = await newContext(browser, { locale: 'ja', javaScript: true });
    const fnPage = await fnContext.newPage();
    try {
      // (a `next` naming another site is ignored: the login goes to the menu, on this site)
      await fnPage.goto(`${app.url}/login?next=${encodeURIComponent('//evil.example/coe/receipt')}`);
      await loginHere(fnPage, foreigner.authId, foreigner.password);
      expect(new URL(fnPage.url()).origin).toBe(new URL(app.url).origin);
      expect(new URL(fnPage.url()).pathname).toBe('/menu');
      expect(await fnPage.locator('#coe-heading').count()).toBe(0);
      await fnPage.goto(`${app.url}/coe`);
      expect(new URL(fnPage.url()).pathname).toBe('/menu');
    } finally {
      await fnContext.close();
    }
  });
});
