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
import { VARIANTS, activeAccount, expectAccessible, expectFitsAt320, h1, shot, startWebSuite, stopWebSuite, tag, type Variant } from '../support/web-ui.js';

vi.setConfig({ testTimeout: 180_000 });

/**
 * /verify (docs/spec/screens.md screen 21, docs/spec/coe.md "The signed code"): the number + birth date form in the
 * four variants (VALID with the masked name, NO_MATCH, a missing field); with JavaScript the signed code of the mail's
 * link checked in the browser (genuine with the full name and the server's "not revoked"; a tampered code, a code
 * signed by an unknown key: not genuine; a revoked COE: revoked), and offline: the page loaded once, the network gone,
 * a new code in the fragment still verifies against the stored keys.
 */
let app: WebApp;
let browser: Browser;
let dataDir: string;
let staffToken: string;
let coe: Awaited<ReturnType<typeof issueCoeTo>>;
let code: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'coe-verify-'));
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000', DATA_DIR: dataDir });
  staffToken = await staffSession(app);
  const account = await activeAccount(app);
  await mailSettled(app, account.authId);
  coe = await issueCoeTo(app, staffToken, account.authId, { name: 'Tran Hoang Nam', birthDate: '1995-02-03' });
  // the code as the mail carries it (the link of the QR code)
  const { verifyLink } = await coeMail(app, account.email, coe.number);
  expect(verifyLink).toBe(coe.verificationUrl);
  code = new URL(verifyLink).hash.slice(1);
});

afterAll(async () => {
  await stopWebSuite(app, browser);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const TEXT = {
  ja: { title: '在留資格認定証明書（電子交付）の確認', submit: '確認', valid: '有効です', noMatch: '一致する在留資格認定証明書はありません', genuine: '本物です', notGenuine: '本物ではありません', revoked: '取り消されています', onlineValid: '有効（取消しはありません）', offline: 'インターネットに接続していない', status: '技術・人文知識・国際業務' },
  en: { title: 'Check an electronic Certificate of Eligibility', submit: 'Check', valid: 'Valid', noMatch: 'No matching certificate', genuine: 'Genuine', notGenuine: 'Not genuine', revoked: 'Revoked', onlineValid: 'valid (not revoked)', offline: 'Offline', status: 'Engineer/Specialist in Humanities/International Services' },
} as const;

async function submitForm(page: Page, number: string, birthDate: string, v: Variant): Promise<void> {
  await page.fill('#field-number', number);
  await page.fill('#field-birthDate', birthDate);
  const submit = page.locator('form .actions button[type=submit]');
  if (v.javaScript) await submit.click();
  else await Promise.all([page.waitForNavigation(), submit.click()]);
}

/** A code whose payload was edited (the name), the signature kept. */
function tampered(jws: string): string {
  const [h, p, s] = jws.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  payload.nm = 'MALLORY EVE';
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

/** A code that names a key the JWKS does not publish. */
function unknownKey(jws: string): string {
  const [h, p, s] = jws.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  header.kid = 'not-a-published-key';
  return `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.${s}`;
}

describe.each(VARIANTS)('the form', (v: Variant) => {
  const T = TEXT[v.locale];
  it(`${tag(v)}: number + birth date → VALID with the masked name; a wrong date → NO_MATCH; empty → the error summary`, async () => {
    const context = await newContext(browser, v);
    const page = await context.newPage();
    try {
      await page.goto(`${app.url}/verify`);
      expect(await h1(page)).toBe(T.title);
      await shot(page, 'coe-verify', v);
      if (v.javaScript) await expectAccessible(page, 'coe-verify');

      // lenient input: lower case, spaces, another date format
      await submitForm(page, coe.number.toLowerCase().replace(/(.{4})/g, '$1 '), '1995/2/3', v);
      const result = page.locator('section[aria-labelledby="form-heading"] .verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-result')).toBe('VALID');
      const text = await result.innerText();
      expect(text).toContain(T.valid);
      expect(text).toContain('T*** H**** N**');
      expect(text).toContain(T.status);
      expect(text).not.toContain('TRAN');
      await shot(page, 'coe-verify-valid', v);
      if (v.javaScript) await expectAccessible(page, 'coe-verify-valid');
      await expectFitsAt320(page, 'coe-verify-valid', v);

      await submitForm(page, coe.number, '1995-02-04', v);
      await result.and(page.locator('[data-result="NO_MATCH"]')).waitFor();
      expect(await result.innerText()).toContain(T.noMatch);
      expect(await result.innerText()).not.toContain('T***');
      await shot(page, 'coe-verify-no-match', v);

      await submitForm(page, '', '', v);
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.field-error').count()).toBe(2);
      await shot(page, 'coe-verify-missing', v);
      if (v.javaScript) await expectAccessible(page, 'coe-verify-missing');
    } finally {
      await context.close();
    }
  });
});

describe.each(VARIANTS.filter((v) => v.javaScript))('the signed code', (v: Variant) => {
  const T = TEXT[v.locale];
  it(`${tag(v)}: /verify#code → genuine, the full name, online not revoked; tampered or unknown key → not genuine; offline after one visit → genuine from the stored keys, also after a reload`, async () => {
    const context = await newContext(browser, v);
    const page = await context.newPage();
    // the CSP stays intact: nothing on these pages is refused by it (the QR code is markup, the scripts are files)
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    try {
      await page.goto(`${app.url}/verify#${code}`);
      const check = page.locator('.code-check .verify-result');
      await page.locator('.online-status[data-online="VALID"]').waitFor();
      expect(await check.getAttribute('data-result')).toBe('genuine');
      const text = await check.innerText();
      expect(text).toContain(T.genuine);
      expect(text).toContain('TRAN HOANG NAM');
      expect(text).toContain(coe.number);
      expect(text).toContain(T.status);
      expect(text).toContain(T.onlineValid);
      await shot(page, 'coe-verify-code', v);
      await expectAccessible(page, 'coe-verify-code');
      await expectFitsAt320(page, 'coe-verify-code', v);

      // another code in the fragment is checked at once: an edited payload, a key nobody published
      for (const bad of [tampered(code), unknownKey(code), 'not.a.code']) {
        await page.evaluate((c) => (location.hash = c), bad);
        await page.locator('.code-check .verify-result[data-result="not-genuine"]').waitFor();
        expect(await page.locator('.code-check').innerText()).toContain(T.notGenuine);
        expect(await page.locator('.code-check').innerText()).not.toContain('MALLORY');
      }
      await shot(page, 'coe-verify-not-genuine', v);
      await expectAccessible(page, 'coe-verify-not-genuine');

      // offline: the page was loaded, the keys stored and its service worker took control; a new code arrives in the
      // fragment with the network gone
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await context.setOffline(true);
      await page.evaluate((c) => (location.hash = c), code);
      await page.locator('.online-status[data-online="offline"]').waitFor();
      expect(await check.getAttribute('data-result')).toBe('genuine');
      expect(await check.innerText()).toContain('TRAN HOANG NAM');
      expect(await check.innerText()).toContain(T.offline);
      await shot(page, 'coe-verify-offline', v);
      // and the tampered one is still refused offline
      await page.evaluate((c) => (location.hash = c), tampered(code));
      await page.locator('.code-check .verify-result[data-result="not-genuine"]').waitFor();
      // the page's own check, as the benchmark calls it
      const answer = await page.evaluate((c) => (window as unknown as { coeCheckCode: (c: string) => Promise<{ kind: string }> }).coeCheckCode(c), code);
      expect(answer.kind).toBe('genuine');

      // a reload, and a new document for another code, with the network still gone: the page's service worker
      // (scope /verify) serves the page, its scripts and the keys it cached
      await page.reload();
      await page.locator('.code-check .verify-result[data-result="not-genuine"]').waitFor();
      await page.goto(`${app.url}/verify#${code}`);
      await page.locator('.online-status[data-online="offline"]').waitFor();
      expect(await check.getAttribute('data-result')).toBe('genuine');
      expect(await check.innerText()).toContain('TRAN HOANG NAM');
      await shot(page, 'coe-verify-offline-reload', v);
      await context.setOffline(false);
      expect(refused, 'CSP violations').toEqual([]);
    } finally {
      await context.close();
    }
  });
});

it('ja-js: a revoked COE\'s code is genuine but shown revoked when online', async () => {
  const account = await activeAccount(app);
  await mailSettled(app, account.authId);
  const revokedCoe = await issueCoeTo(app, staffToken, account.authId);
  const res = await requestGql(app.url, REVOKE_COE, { input: { number: revokedCoe.number, reason: '記載事項の誤りのため' } }, { endpoint: '/staff/graphql', token: staffToken });
  expect(res.data.revokeCoe.__typename).toBe('CoeRevoked');
  const v = { locale: 'ja', javaScript: true } as const;
  const context = await newContext(browser, v);
  const page = await context.newPage();
  try {
    await page.goto(revokedCoe.verificationUrl);
    await page.locator('.code-check .verify-result[data-result="revoked"]').waitFor();
    expect(await page.locator('.code-check').innerText()).toContain(TEXT.ja.revoked);
    await shot(page, 'coe-verify-revoked', v);
    await expectAccessible(page, 'coe-verify-revoked');
  } finally {
    await context.close();
  }
});
