import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebApp, type WebApp } from '../support/web-app.js';
import { newContext } from '../../support/browser.js';
import { PASSWORD, REGISTER, VALID_REGISTRATION } from '../../support/fixtures.js';
import { gqlAt } from '../../support/server-process.js';
import { VARIANTS, activeAccount, loginThroughUi, registeredAccount, shot, tag, type Variant, startWebSuite, stopWebSuite } from '../support/web-ui.js';
import { cspDirectives } from '../../support/csp.js';

// Browser tests share a 2-core machine with the other test files: generous time per test.
vi.setConfig({ testTimeout: 150_000 });

/**
 * What a browser sees of the portal's security and its common pages: security headers (CSP without inline script,
 * no framing, nosniff, Referrer-Policy; no-referrer on the mailed link), the HttpOnly session cookie, double login
 * (WZBAM099E), the system error and not-found pages, the language (<html lang>, remembered in a cookie) and the
 * furigana toggle (<ruby>).
 */
const TEXT = {
  ja: {
    supersededTitle: '二重ログインエラー',
    wzbam099: 'WZBAM099E : 二重ログインエラーです。複数の画面で操作を行わないでください。',
    systemErrorTitle: 'システムエラー',
    wzbam098: 'WZBAM098E : システムエラーが発生しました。ヘルプデスクにお問合せください。',
    reference: '問合せ番号：',
    notFoundTitle: 'ページが見つかりません',
    notFound: 'お探しのページは見つかりませんでした。',
    toTop: 'トップページへ',
    helpdesk: '【問合せ先】',
    menuTitle: 'メニュー',
    loginTitle: 'ログイン',
    backToTop: 'トップページへ戻る',
    copyright: 'Copyright (C) Immigration Services Agency of Japan All Rights Reserved.',
  },
  en: {
    supersededTitle: 'Double login',
    wzbam099: 'WZBAM099E : Double-login error: a newer login to this account ended this session.',
    systemErrorTitle: 'System error',
    wzbam098: 'WZBAM098E : A system error occurred. Please contact the help desk.',
    reference: 'Reference number: ',
    notFoundTitle: 'Page not found',
    notFound: 'The page you are looking for was not found.',
    toTop: 'To the top page',
    helpdesk: '[Contact]',
    menuTitle: 'Menu',
    loginTitle: 'Log in',
    backToTop: 'Back to the top page',
    copyright: 'Copyright (C) Immigration Services Agency of Japan All Rights Reserved.',
  },
} as const;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startWebSuite({ RATE_LIMIT_MULTIPLIER: '1000' });
});

afterAll(() => stopWebSuite(app, browser));

async function withContext<T>(v: Variant, fn: (context: BrowserContext, page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, v);
  try {
    return await fn(context, await context.newPage());
  } finally {
    await context.close();
  }
}

describe('security headers', () => {
  it('every page sends a CSP without inline script, forbids framing and sniffing, and limits the Referer', async () => {
    const account = await activeAccount(app);
    await withContext(VARIANTS[0], async (context, page) => {
      await loginThroughUi(page, app.url, account.authId);
      const paths = [
        '/', '/terms', '/register', '/register/done', '/login', '/password/set', '/password/set/done', '/logout',
        '/session/expired', '/session/superseded', '/no-such-page', '/menu',
      ];
      for (const path of paths) {
        // with the logged-in context's cookies: /menu is the logged-in page itself
        const res = await context.request.get(`${app.url}${path}`, { maxRedirects: 0 });
        expect(res.status(), path).toBe(path === '/no-such-page' ? 404 : 200);
        const h = res.headers();
        expect(h['content-type'], path).toMatch(/^text\/html/);
        const csp = h['content-security-policy'];
        expect(csp, `CSP on ${path}`).toBeTruthy();
        const d = cspDirectives(csp);
        const script = d.get('script-src') ?? d.get('default-src')!;
        expect(script, `script-src on ${path}`).not.toContain("'unsafe-inline'");
        expect(script).not.toContain("'unsafe-eval'");
        expect(script.filter((s) => s === '*' || /^(https?:|data:)/.test(s)), `script sources on ${path}`).toEqual([]);
        expect(d.get('default-src')).toEqual(["'self'"]);
        expect(d.get('frame-ancestors'), path).toEqual(["'none'"]);
        expect(d.get('object-src')).toEqual(["'none'"]);
        expect(d.get('base-uri')).toEqual(["'self'"]);
        expect(d.get('form-action')).toEqual(["'self'"]);
        expect(h['x-content-type-options'], path).toBe('nosniff');
        expect(h['x-frame-options'], path).toBe('DENY');
        expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], path).toContain(h['referrer-policy']);
        // what the page shows of a logged-in user is never stored by a cache
        if (path === '/menu') expect(h['cache-control']).toContain('no-store');
      }
    });
  });

  it('the response to the mailed link sends no Referer, is not cached, and moves the token out of the URL', async () => {
    const account = await registeredAccount(app);
    const res = await fetch(account.link, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('location')).toBe('/password/set');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/password\/set/i);

    // in the browser: nothing it requests afterwards carries the token, in the URL or the Referer
    await withContext(VARIANTS[0], async (context, page) => {
      const seen: { url: string; referer?: string }[] = [];
      page.on('request', (r) => seen.push({ url: r.url(), referer: r.headers().referer }));
      await page.goto(account.link);
      await page.waitForURL((u) => u.pathname === '/password/set');
      await page.waitForLoadState('networkidle');
      expect(page.url()).toBe(`${app.url}/password/set`);
      const later = seen.slice(1);
      expect(later.length).toBeGreaterThan(1);
      for (const r of later) {
        expect(r.url).not.toContain(account.token);
        expect(r.referer ?? '').not.toContain(account.token);
      }
      expect(await page.evaluate(() => document.referrer)).toBe('');
      expect(await page.evaluate(() => document.cookie)).not.toContain(account.token);
    });
  });

  it('the browser enforces the CSP: the app runs without violations, an injected inline script does not', async () => {
    const account = await activeAccount(app);
    await withContext(VARIANTS[0], async (_context, page) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.log(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      for (const path of ['/', '/terms', '/register', '/login']) {
        await page.goto(`${app.url}${path}`);
        await page.waitForLoadState('networkidle');
      }
      // the app's own script runs under the policy: the residence search opens as a dialog
      await page.goto(`${app.url}/register`);
      await page.locator('.residence-row button').click();
      await page.locator('dialog[open]').waitFor();
      await loginThroughUi(page, app.url, account.authId);
      expect(new URL(page.url()).pathname).toBe('/menu');
      expect(violations).toEqual([]);

      // an inline script (what an injection would add) is refused
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__e2eInline = true;';
        document.body.appendChild(script);
        await new Promise((r) => setTimeout(r, 100));
        return (window as unknown as { __e2eInline?: boolean }).__e2eInline === true;
      });
      expect(ran).toBe(false);
      await expect.poll(() => violations.some((v) => /script-src/.test(v))).toBe(true);
    });
  });

  it('no other site can frame the pages (frame-ancestors none)', async () => {
    // another site: a page on another origin (127.0.0.1 and another port) that embeds what it is asked for
    const other = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').searchParams.get('embed') ?? '/';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>other site</title><iframe src="${app.url}${path}" width="600" height="400"></iframe>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      await withContext(VARIANTS[0], async (_context, page) => {
        const framed = async (path: string) => {
          await page.goto(`${otherUrl}/?embed=${encodeURIComponent(path)}`);
          const frame = page.frames().find((f) => f !== page.mainFrame())!;
          await frame.waitForLoadState('load').catch(() => undefined);
          return { url: frame.url(), text: await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') };
        };
        // the control: the health endpoint (JSON, without these headers) can be framed from there
        expect((await framed('/healthz')).text).toContain('"status":"ok"');
        for (const path of ['/login', '/', '/register']) {
          const blocked = await framed(path);
          expect(blocked.text, path).not.toContain('在留申請オンラインシステム');
          expect(blocked.url, path).not.toBe(`${app.url}${path}`);
        }
      });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('a language or furigana link with a hostile path keeps the browser on the site (issue 17: open redirect)', async () => {
    // the "other site": a page on another origin that records whether any browser reached it
    let visits = 0;
    const other = http.createServer((_req, res) => {
      visits++;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>other site</title><h1>other site</h1>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherHost = `127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      await withContext(VARIANTS[0], async (context, page) => {
        // what the browser itself makes of each path is part of the test: it turns \ into / and drops tabs
        const paths = [`//${otherHost}/?lang=en`, `/\\${otherHost}?furigana=on`, `/.//${otherHost}/?lang=en`, `/\t/${otherHost}/?lang=en`, `/%2F%2F${otherHost}/?furigana=on`];
        for (const path of paths) {
          const res = await page.goto(`${app.url}${path}`);
          expect(new URL(page.url()).origin, path).toBe(app.url);
          // the redirect was followed: the parameter is gone, the page is the portal's not-found page
          expect(new URL(page.url()).search, path).toBe('');
          expect(res!.status(), path).toBe(404);
          expect(await page.locator('main h1').innerText(), path).toBe(TEXT.en.notFoundTitle);
        }
        expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('en');
        expect((await context.cookies()).find((c) => c.name === 'furigana')?.value).toBe('on');
      });
      expect(visits).toBe(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('the session token lives in an HttpOnly cookie the page cannot read, and logout removes it', async () => {
    const account = await activeAccount(app);
    await withContext(VARIANTS[0], async (context, page) => {
      await loginThroughUi(page, app.url, account.authId);
      const session = (await context.cookies()).find((c) => c.name === 'session');
      expect(session).toBeDefined();
      expect(session!.httpOnly).toBe(true);
      expect(session!.sameSite).toBe('Lax');
      expect(session!.path).toBe('/');
      expect(session!.value.length).toBeGreaterThanOrEqual(22);
      // the page's JavaScript does not see it, nor does the HTML carry it
      const visible = await page.evaluate(() => document.cookie);
      expect(visible).not.toContain(session!.value);
      expect(visible).not.toMatch(/(^|;\s*)session=/);
      expect(await page.content()).not.toContain(session!.value);
      // every cookie the portal sets is HttpOnly
      for (const c of await context.cookies()) expect(c.httpOnly, c.name).toBe(true);

      await page.locator('.userline button').click();
      await page.waitForURL(/\/logout$/);
      expect((await context.cookies()).some((c) => c.name === 'session')).toBe(false);
      // the old token is dead on the server too
      const res = await fetch(`${app.url}/menu`, { redirect: 'manual', headers: { cookie: `session=${session!.value}` } });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login');
    });
  });
});

describe('the development mailbox (issue 17)', () => {
  // the product with no SMTP_URL: its own mailbox at /dev/mailbox, on loopback only
  let dev: WebApp;
  beforeAll(async () => {
    dev = await startWebApp({ SMTP_URL: '', RATE_LIMIT_MULTIPLIER: '1000' });
  });
  afterAll(() => dev?.stop());

  async function mailsTo(email: string): Promise<number> {
    const mails = (await (await fetch(`${dev.url}/dev/mailbox/messages.json`)).json()) as { to: string[] }[];
    return mails.filter((m) => m.to.includes(email)).length;
  }

  async function registered(email: string): Promise<void> {
    const reg = await gqlAt(dev.url, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
    expect(reg.data.register.__typename).toBe('RegistrationAccepted');
    await expect.poll(() => mailsTo(email), { timeout: 30_000 }).toBe(1);
  }

  it('another site of this machine can neither clear it with a form nor frame it; its own button clears it', async () => {
    const email = `mailbox-${Date.now()}@example.jp`;
    await registered(email);
    // another origin of the same site (localhost, another port): a browser calls its posts same-site
    const other = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        req.url === '/frame'
          ? `<!doctype html><title>other</title><iframe src="${dev.url}/dev/mailbox/" width="600" height="400"></iframe>`
          : `<!doctype html><title>other</title><form method="post" action="${dev.url}/dev/mailbox/clear"><button>go</button></form>`,
      );
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
    try {
      await withContext(VARIANTS[0], async (_context, page) => {
        await page.goto(`${otherUrl}/form`);
        const [answer] = await Promise.all([page.waitForResponse(`${dev.url}/dev/mailbox/clear`), page.locator('button').click()]);
        expect(answer.status()).toBe(403);
        expect(await mailsTo(email)).toBe(1);

        await page.goto(`${otherUrl}/frame`);
        const frame = page.frames().find((f) => f !== page.mainFrame())!;
        await frame.waitForLoadState('load').catch(() => undefined);
        const framed = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        expect(framed).not.toContain(email);
        expect(framed).not.toContain('Development mailbox');

        // the mailbox itself, as the developer uses it: the list, a mail, and Clear all
        await page.goto(`${dev.url}/dev/mailbox/`);
        expect(await page.locator('h1').innerText()).toContain('Development mailbox');
        expect(await page.locator('table').innerText()).toContain(email);
        await shot(page, 'dev-mailbox', VARIANTS[0]);
        await page.setViewportSize({ width: 320, height: 700 });
        await shot(page, 'dev-mailbox-320', VARIANTS[0]);
        await page.setViewportSize({ width: 1280, height: 900 });
        const [cleared] = await Promise.all([
          page.waitForResponse((r) => r.url() === `${dev.url}/dev/mailbox/clear`),
          page.getByRole('button', { name: 'すべて削除 Clear all' }).click(),
        ]);
        expect(cleared.status()).toBe(303);
        await expect.poll(() => page.locator('main').innerText()).toContain('No mails yet');
        expect(page.url()).toBe(`${dev.url}/dev/mailbox/`);
        expect(await mailsTo(email)).toBe(0);
      });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe.each(VARIANTS)('double login', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: a second login elsewhere sends the first browser to WZBAM099E on its next page; tabs of one login are fine`, async () => {
    const account = await activeAccount(app);
    const first = await newContext(browser, v);
    const second = await newContext(browser, v);
    try {
      const a = await first.newPage();
      await loginThroughUi(a, app.url, account.authId);
      expect(new URL(a.url()).pathname).toBe('/menu');
      // a second tab of the same login is no double login
      const a2 = await first.newPage();
      await a2.goto(`${app.url}/menu`);
      expect(await a2.locator('main h1').innerText()).toBe(T.menuTitle);

      const b = await second.newPage();
      await loginThroughUi(b, app.url, account.authId, PASSWORD);
      expect(new URL(b.url()).pathname).toBe('/menu');

      await a.reload();
      await a.waitForURL(/\/session\/superseded$/);
      expect(await a.locator('main h1').innerText()).toBe(T.supersededTitle);
      expect(await a.locator('main').innerText()).toContain(T.wzbam099);
      expect(await a.locator('.helpdesk').innerText()).toContain(T.helpdesk);
      expect(await a.locator('.userline').count()).toBe(0);
      await shot(a, 'session-superseded', v);
      // the first browser is logged out; the second goes on
      await a.goto(`${app.url}/menu`);
      await a.waitForURL(/\/login$/);
      await b.reload();
      expect(await b.locator('main h1').innerText()).toBe(T.menuTitle);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe.each(VARIANTS)('error pages', (v: Variant) => {
  const T = TEXT[v.locale];

  it(`${tag(v)}: an unknown address shows the not-found page in the frame`, async () => {
    await withContext(v, async (_context, page) => {
      const res = await page.goto(`${app.url}/no/such/page`);
      expect(res!.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe(v.locale);
      expect(await page.locator('main h1').innerText()).toBe(T.notFoundTitle);
      expect(await page.locator('main').innerText()).toContain(T.notFound);
      expect(await page.title()).toBe(T.notFoundTitle);
      expect(await page.locator('.frame-footer').innerText()).toContain(T.copyright);
      await shot(page, 'not-found', v);
      // an unknown address is not a system error: no reference number on the page, nothing in the error log
      expect(await page.locator('main').innerText()).not.toContain(T.reference);
      expect(app.server.output()).not.toContain('/no/such/page');
      await page.locator('main').getByRole('link', { name: T.toTop }).click();
      await page.waitForURL(`${app.url}/`);
    });
  });

  it(`${tag(v)}: a failure behind the page shows WZBAM098E with a reference number the log has, and no details`, async () => {
    await withContext(v, async (_context, page) => {
      await page.goto(`${app.url}/terms`);
      // the notices table goes missing: the top page's data cannot be read
      await app.sql('alter table notice rename to notice_e2e_hidden');
      try {
        if (v.javaScript) {
          // a client-side navigation meets the failure
          await page.locator('.toplink a').click();
          await page.locator('main h1', { hasText: T.systemErrorTitle }).waitFor();
        } else {
          const res = await page.goto(`${app.url}/`);
          expect(res!.status()).toBe(500);
        }
        expect(await page.locator('main h1').innerText()).toBe(T.systemErrorTitle);
        const main = await page.locator('main').innerText();
        expect(main).toContain(T.wzbam098);
        const reference = main.match(new RegExp(`${T.reference}(\\w+)`))?.[1];
        expect(reference, 'reference number').toBeTruthy();
        await expect.poll(() => app.server.output()).toContain(reference!);
        expect(await page.locator('.helpdesk').count()).toBe(1);
        // nothing of the cause reaches the page
        expect(main).not.toMatch(/notice|relation|select|stack|Error:|at \w+ \(/i);
        await shot(page, 'system-error', v);
      } finally {
        await app.sql('alter table notice_e2e_hidden rename to notice');
      }
      await page.goto(`${app.url}/`);
      expect(await page.locator('.notice-list li').count()).toBeGreaterThan(0);
    });
  });
});

describe('requests no form sends (issue 17)', () => {
  it('a JSON body, or another body no form action can read, gets a clean 4xx and nothing in the error log', async () => {
    const before = app.server.output().length;
    const origin = app.url; // past the Origin check, as a script on the site itself would be
    const cases: { path: string; type?: string; body: string; accept: string; status: number }[] = [
      { path: '/login', type: 'application/json', body: '{"authId":"x","password":"y"}', accept: 'text/html', status: 415 },
      { path: '/login', type: 'application/json', body: '{"authId":"x"}', accept: 'application/json', status: 415 },
      { path: '/register?/confirm', type: 'application/json', body: '[]', accept: 'application/json', status: 415 },
      { path: '/password/forgot', type: 'application/json', body: '{}', accept: 'text/html', status: 415 },
      { path: '/login', type: 'text/plain', body: 'authId=x&password=y', accept: 'text/html', status: 415 },
      { path: '/login', type: 'text/plain', body: 'authId=x', accept: 'application/json', status: 415 },
      { path: '/login', type: 'multipart/form-data', body: 'no boundary', accept: 'text/html', status: 400 },
      { path: '/login', type: 'multipart/form-data; boundary=XYZ', body: '--XYZ\r\ngarbage', accept: 'application/json', status: 400 },
      { path: '/login?/default', type: 'application/x-www-form-urlencoded', body: 'authId=x', accept: 'text/html', status: 400 },
      { path: '/login?/nope', type: 'application/x-www-form-urlencoded', body: 'authId=x', accept: 'application/json', status: 404 },
      { path: '/terms', type: 'application/x-www-form-urlencoded', body: 'a=1', accept: 'application/json', status: 405 },
      { path: '/terms', type: 'application/x-www-form-urlencoded', body: 'a=1', accept: 'text/html', status: 405 },
    ];
    for (const c of cases) {
      const label = `${c.type} → ${c.path} (${c.accept})`;
      const res = await fetch(`${app.url}${c.path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin, accept: c.accept, ...(c.type ? { 'content-type': c.type } : {}) },
        body: c.body,
      });
      expect(res.status, label).toBe(c.status);
      const text = await res.text();
      // no system error and no reference number to chase: the requester sent what no form sends
      expect(text, label).not.toMatch(/"reference"|問合せ番号|Reference number/);
      expect(text, label).not.toMatch(/\bat \S+ \(|Error:/);
      expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
    }
    // the same forms still work: a real login form post is answered as before
    const form = await fetch(`${app.url}/login`, {
      method: 'POST', redirect: 'manual', headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: 'authId=&password=',
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('WZBAM001E');
    // the server's output since: no error-level line, no stack
    await new Promise((r) => setTimeout(r, 300));
    const log = app.server.output().slice(before);
    expect(log).not.toMatch(/"level":50/);
    expect(log).not.toContain('web client error');
    expect(log).not.toMatch(/\n\s+at /);
  });
});

describe.each(VARIANTS.filter((v) => v.locale === 'ja'))('language and furigana', (v: Variant) => {
  it(`${tag(v)}: <html lang> follows the request; the language bar's choice is remembered in a cookie`, async () => {
    // Accept-Language decides when nothing was chosen
    for (const [header, lang] of [['ja', 'ja'], ['en-US,en;q=0.9', 'en'], ['fr, en;q=0.5, ja;q=0.3', 'en'], ['de', 'ja'], ['en;q=0.2, ja;q=0.8', 'ja']]) {
      const html = await (await fetch(`${app.url}/login`, { headers: { 'accept-language': header } })).text();
      expect(html, header).toMatch(new RegExp(`<html lang="${lang}"`));
    }

    await withContext(v, async (context, page) => {
      await page.goto(`${app.url}/register`);
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      await page.locator('.langbar').getByRole('link', { name: 'English' }).click();
      await page.waitForURL(`${app.url}/register`);
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('main h1').innerText()).toContain('Enter your user information (STEP1)');
      expect(await page.locator('.langbar [aria-current=true]').innerText()).toBe('English');
      const cookie = (await context.cookies()).find((c) => c.name === 'lang');
      expect(cookie?.value).toBe('en');
      expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
      // remembered: other pages and new tabs are English although the browser asks for Japanese
      await page.goto(`${app.url}/login`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const other = await context.newPage();
      await other.goto(`${app.url}/`);
      expect(await other.getAttribute('html', 'lang')).toBe('en');
      expect(await other.locator('.frame-header .system').innerText()).toBe('Residence Application Online System');
      // and back
      await page.locator('.langbar').getByRole('link', { name: '日本語' }).click();
      await page.waitForURL(`${app.url}/login`);
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ja');
      expect(await page.locator('main h1').innerText()).toBe('ログイン');
      expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('ja');

      // the top page's 英語 link opens the English terms (marked lang="en") without changing the site's language;
      // 日本語（正文） there leads back to the Japanese text
      await page.goto(`${app.url}/`);
      await page.getByRole('link', { name: '英語', exact: true }).click();
      await page.waitForURL(`${app.url}/terms?doc=en`);
      await page.locator('article.terms[lang=en]').waitFor();
      expect(await page.locator('main h1').innerText()).toBe('Terms of Use of the Residence Application Online System');
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      expect(await page.locator('.langbar [aria-current=true]').innerText()).toBe('日本語');
      expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('ja');
      await shot(page, 'terms', { locale: 'en', javaScript: v.javaScript });
      await page.getByRole('link', { name: '日本語（正文）' }).click();
      await page.waitForURL(`${app.url}/terms?doc=ja`);
      await page.locator('article.terms[lang=ja]').waitFor();
      expect(await page.locator('main h1').innerText()).toBe('在留申請オンラインシステム利用規約');
      await shot(page, 'terms', v);
      await page.goto(`${app.url}/login`);
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
    });
  });

  it(`${tag(v)}: the furigana toggle renders the easy-Japanese readings as <ruby>, and removes them again`, async () => {
    await withContext(v, async (context, page) => {
      await page.goto(`${app.url}/register`);
      const easy = page.locator('main h1 .heading-easy');
      expect(await easy.innerText()).toBe('【システムを使う人のことを書いてください。】');
      expect(await page.locator('ruby').count()).toBe(0);

      await page.locator('.langbar').getByRole('link', { name: 'ふりがなを表示する' }).click();
      await page.waitForURL(`${app.url}/register`);
      await expect.poll(() => easy.locator('ruby').count()).toBe(3);
      const pairs = await easy.locator('ruby').evaluateAll((rubies) =>
        rubies.map((r) => [r.firstChild?.textContent ?? '', r.querySelector('rt')?.textContent ?? '']),
      );
      expect(pairs).toEqual([['使', 'つか'], ['人', 'ひと'], ['書', 'か']]);
      // <rp> keeps the reading readable where ruby is not supported
      expect(await easy.locator('ruby rp').count()).toBe(6);
      expect(await page.locator('ruby').count()).toBeGreaterThan(20);
      expect((await context.cookies()).find((c) => c.name === 'furigana')?.value).toBe('on');
      await shot(page, 'register-step1-furigana', v);
      // remembered on the next page
      await page.goto(`${app.url}/login`);
      expect(await page.locator('main ruby').count()).toBeGreaterThan(0);

      await page.locator('.langbar').getByRole('link', { name: 'ふりがなを消す' }).click();
      await page.waitForURL(`${app.url}/login`);
      await expect.poll(() => page.locator('ruby').count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(/[\u4e00-\u9fff]\([\u3041-\u309f]+\)/);
    });
  });
});
