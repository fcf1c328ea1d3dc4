import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { totpCode } from '../../support/totp.js';
import { startWebSuite, stopWebSuite } from '../support/web-ui.js';
import { STAFF_PASSWORD, createAdmin, enrolWithTotpUi, loginWithTotpUi } from '../support/staff-ui.js';

vi.setConfig({ testTimeout: 150_000 });

/**
 * The staff console's way in (docs/spec/staff.md "Staff console", "Staff authentication"): the enrolment page from the
 * link `npm run staff -- create-admin` prints (TOTP: the QR code and the key, a code of the authenticator app; or a
 * passkey), the login with its second step, the dashboard, logout and the idle timeout — with JavaScript on and off
 * (all but the passkey ceremony work without it), in Japanese and English; the headers of every /staff page.
 */
let app: WebApp;
let browser: Browser;
const SHOTS = '/tmp/s4-shots';

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});
afterAll(() => stopWebSuite(app, browser));

async function withPage<T>(opts: { javaScript: boolean; locale?: 'ja' | 'en' }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await newContext(browser, opts);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe('staff console: enrolment, login, dashboard, logout, timeout', () => {
  for (const javaScript of [true, false]) {
    const tag = javaScript ? 'js' : 'nojs';
    it(`TOTP enrolment and login, with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const admin = await createAdmin(app, { name: '管理 一郎', roles: 'STAFF_ADMIN,SUPERVISOR' });
      await withPage({ javaScript }, async (page, context) => {
        // the link's token leaves the address bar at once; the page shows who enrols, the QR code and the key
        const linkResponse = await page.goto(admin.link, { waitUntil: 'load' });
        await page.waitForURL((u) => u.pathname === '/staff/enrol' && !u.search);
        expect(linkResponse).not.toBeNull();
        await expect.poll(() => page.locator('.login-id').innerText()).toBe(admin.loginId);
        const qr = await page.locator('img.totp-qr').getAttribute('src');
        expect(qr).toMatch(/^data:image\/svg\+xml/);
        expect(await page.locator('img.totp-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        await page.screenshot({ path: `${SHOTS}/enrol-ja-${tag}.png`, fullPage: true });

        // the form's errors: the summary names each field, 「！」 at each
        await page.fill('#field-password', 'abc');
        await page.locator('form button[type=submit]').first().click();
        await page.locator('.error-summary').waitFor();
        const summary = await page.locator('.error-summary').innerText();
        expect(summary).toContain('パスワード');
        expect(summary).toContain('ワンタイムコード');
        expect(await page.locator('.field.invalid .mark').count()).toBeGreaterThanOrEqual(2);
        expect(await page.locator('#field-password').inputValue()).toBe('');
        await page.screenshot({ path: `${SHOTS}/enrol-errors-ja-${tag}.png`, fullPage: true });

        const secret = await enrolWithTotpUi(page, admin.link);
        expect(await page.locator('.staff-notice').innerText()).toContain('登録が完了しました');

        // a wrong password, then the right one; a wrong code, then the right one
        await page.fill('#field-loginId', admin.loginId);
        await page.fill('#field-password', 'Wrong-pass1!');
        await page.locator('form button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.error-summary').innerText()).toMatch(/ログインID|パスワード/);
        expect(await page.locator('#field-loginId').inputValue()).toBe(admin.loginId);
        await page.fill('#field-password', STAFF_PASSWORD);
        await Promise.all([page.waitForURL(/\/staff\/login\/verify$/), page.locator('form button[type=submit]').click()]);
        await page.screenshot({ path: `${SHOTS}/second-factor-ja-${tag}.png`, fullPage: true });
        await page.fill('#field-code', '000000' === totpCode(secret, new Date(), 1) ? '111111' : '000000');
        await page.locator('form[action="?/totp"] button[type=submit]').click();
        await page.locator('.error-summary').waitFor();
        expect(await page.locator('.field.invalid .mark').count()).toBe(1);
        await page.fill('#field-code', totpCode(secret, new Date(), 1));
        await Promise.all([page.waitForURL((u) => u.pathname === '/staff'), page.locator('form[action="?/totp"] button[type=submit]').click()]);

        // the dashboard: who, roles, the sections the roles open
        await expect.poll(() => page.locator('.staff-name').innerText()).toBe('管理 一郎');
        expect(await page.locator('.staff-roles').innerText()).toContain('職員管理');
        expect(await page.locator('.staff-roles').innerText()).toContain('統括');
        expect(await page.locator('main a[href="/staff/members"]').count()).toBe(1);
        await page.screenshot({ path: `${SHOTS}/dashboard-ja-${tag}.png`, fullPage: true });

        // its own cookie, HttpOnly; never the applicant's
        const cookies = await context.cookies();
        const staff = cookies.find((c) => c.name === 'staff');
        expect(staff).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
        expect(staff!.value).toMatch(/^stf_/);
        expect(cookies.find((c) => c.name === 'session')).toBeUndefined();

        // English: the same language switch as the applicant pages
        await page.locator('.langbar a[hreflang=en]').click();
        await page.waitForURL((u) => u.pathname === '/staff' && !u.search);
        await expect.poll(() => page.locator('main h1').innerText()).toBe('Dashboard');
        expect(await page.locator('.staff-roles').innerText()).toContain('Staff administrator');
        await page.screenshot({ path: `${SHOTS}/dashboard-en-${tag}.png`, fullPage: true });
        await page.locator('.langbar a[hreflang=ja]').click();
        await page.waitForURL((u) => u.pathname === '/staff' && !u.search);

        // logout
        await Promise.all([page.waitForURL(/\/staff\/login\?m=loggedOut$/), page.locator('form[action="/staff/logout"] button').click()]);
        expect(await page.locator('.staff-notice').innerText()).toContain('ログアウトしました');
        expect((await context.cookies()).find((c) => c.name === 'staff')).toBeUndefined();
        await page.goto(`${app.url}/staff`);
        await page.waitForURL(/\/staff\/login$/);
      });
    });
  }

  it('the idle timeout ends the session: back to the login page with the reason', async () => {
    const admin = await createAdmin(app, { name: '時間 切子' });
    await withPage({ javaScript: true }, async (page) => {
      const secret = await enrolWithTotpUi(page, admin.link);
      await loginWithTotpUi(page, app.url, admin.loginId, secret);
      await app.sql(
        `update staff_session set last_seen_at = now() - interval '16 minutes' where staff_id = (select id from staff_member where login_id = $1)`,
        [admin.loginId],
      );
      await page.goto(`${app.url}/staff`);
      await page.waitForURL(/\/staff\/login\?m=expired$/);
      expect(await page.locator('.staff-notice').innerText()).toContain('一定時間操作がなかったため');
      await page.screenshot({ path: `${SHOTS}/login-expired-ja.png`, fullPage: true });
    });
  });

  it('a session ended elsewhere (superseded, disabled, logged out): back to the login page, nothing shown', async () => {
    const admin = await createAdmin(app, { name: '終了 次郎' });
    await withPage({ javaScript: false }, async (page) => {
      const secret = await enrolWithTotpUi(page, admin.link);
      await loginWithTotpUi(page, app.url, admin.loginId, secret);
      await app.sql(
        `update staff_session set revoked_at = now(), revoked_reason = 'SUPERSEDED' where staff_id = (select id from staff_member where login_id = $1)`,
        [admin.loginId],
      );
      await page.goto(`${app.url}/staff/members`);
      await page.waitForURL(/\/staff\/login\?m=ended$/);
      expect(await page.locator('.staff-notice').innerText()).toContain('セッションが終了しました');
      expect(await page.locator('main').innerText()).not.toContain(admin.loginId);
      expect((await page.context().cookies()).find((c) => c.name === 'staff')).toBeUndefined();
    });
  });

  it('every /staff page: no-store, noindex, the same CSP and headers as the applicant pages', async () => {
    for (const path of ['/staff/login', '/staff/enrol', '/staff', '/staff/login/verify']) {
      const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      if (res.status === 200) expect(res.headers.get('content-security-policy'), path).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    }
    const login = await fetch(`${app.url}/staff/login`);
    expect(login.status).toBe(200);
    const applicantLogin = await fetch(`${app.url}/login`);
    expect(login.headers.get('content-security-policy')!.replace(/'sha256-[^']+'/g, '')).toBe(applicantLogin.headers.get('content-security-policy')!.replace(/'sha256-[^']+'/g, ''));
    // a dead or missing link: no form
    const dead = await fetch(`${app.url}/staff/enrol`);
    expect(await dead.text()).toContain('このリンクは使用できません');
  });

  it('passkey: enrolment and login with a virtual authenticator (Chromium, JavaScript)', async () => {
    const admin = await createAdmin(app, { name: '鍵 太郎' });
    await withPage({ javaScript: true }, async (page, context) => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });
      await page.goto(admin.link);
      await page.waitForURL((u) => u.pathname === '/staff/enrol' && !u.search);
      await page.fill('#field-password', STAFF_PASSWORD);
      await page.fill('#field-passwordConfirmation', STAFF_PASSWORD);
      await Promise.all([page.waitForURL(/\/staff\/login\?m=enrolled$/), page.locator('#passkey-button').click()]);
      const [{ factors }] = await app.sql<{ factors: number }>(
        `select count(*)::int as factors from staff_passkey p join staff_member m on m.id = p.staff_id where m.login_id = $1`,
        [admin.loginId],
      );
      expect(factors).toBe(1);

      await page.fill('#field-loginId', admin.loginId);
      await page.fill('#field-password', STAFF_PASSWORD);
      await Promise.all([page.waitForURL(/\/staff\/login\/verify$/), page.locator('form button[type=submit]').click()]);
      // passkey only: no TOTP field
      expect(await page.locator('#field-code').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/second-factor-passkey-ja.png`, fullPage: true });
      await Promise.all([page.waitForURL((u) => u.pathname === '/staff'), page.locator('#passkey-button').click()]);
      await expect.poll(() => page.locator('.staff-name').innerText()).toBe('鍵 太郎');
    });
  });
});
