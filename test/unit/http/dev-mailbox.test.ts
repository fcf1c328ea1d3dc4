import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

import express from 'express';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { devMailboxRouter, formatTokyo, linkify } from '../../../server/src/http/dev-mailbox.js';
import { isLoopbackAddress } from '../../../server/src/http/client-ip.js';
import { cspDirectives } from '../../support/csp.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import type { CapturedMail } from '../../support/smtp-receiver.js';

let capture: MailCapture;
let server: Server;
let origin: string;
/** the same router behind a proxy the app trusts (TRUSTED_PROXIES): the forwarded client address counts */
let proxied: Server;
let proxiedOrigin: string;
const PUBLIC_URL = 'http://portal.test';

async function send(mail: { to: string; subject: string; text: string }) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: capture.port, secure: false, ignoreTLS: true });
  try {
    await t.sendMail({ from: '"在留申請オンラインシステム" <noreply@ras.example.jp>', ...mail });
  } finally {
    t.close();
  }
}

function get(path: string, init?: RequestInit) {
  return fetch(`${origin}${path}`, { redirect: 'manual', ...init });
}

function expectPrivate(res: Response) {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  // the site's security headers (what the web client's pages send), with a policy that allows no script at all
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const csp = cspDirectives(res.headers.get('content-security-policy') ?? '');
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.has('script-src')).toBe(false);
}

function expectCspSafe(html: string) {
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
}

beforeAll(async () => {
  capture = await MailCapture.start({ port: 0 });
  const app = express();
  app.use('/dev/mailbox', devMailboxRouter(capture, { publicUrl: PUBLIC_URL }));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const behindProxy = express();
  behindProxy.set('trust proxy', ['127.0.0.1']);
  behindProxy.use('/dev/mailbox', devMailboxRouter(capture, { publicUrl: PUBLIC_URL }));
  await new Promise<void>((resolve) => {
    proxied = behindProxy.listen(0, '127.0.0.1', () => resolve());
  });
  proxiedOrigin = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of [server, proxied]) await new Promise<void>((resolve, reject) => s.close((err) => (err ? reject(err) : resolve())));
  await capture.stop();
});

beforeEach(() => {
  capture.clear();
});

const RESET_LINK = 'https://ras.example.jp/password/reset?token=tok_123-ABC&lang=ja';

describe('devMailboxRouter', () => {
  it('lists mails newest first on a CSP-safe Japanese page', async () => {
    await send({ to: 'first@example.jp', subject: '一通目 / First', text: 'one' });
    await send({ to: 'second@example.jp', subject: '二通目 / Second', text: 'two' });
    const [older, newer] = capture.mails() as [CapturedMail, CapturedMail];

    const res = await get('/dev/mailbox/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    expectPrivate(res);
    const html = await res.text();
    expectCspSafe(html);

    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>開発用メールボックス Development mailbox</title>');
    expect(html).toContain('SMTP_URL');
    expect(html).toMatch(/開発環境専用/);
    expect(html).toMatch(/only in development/);

    expect(html).toContain(`<a href="/dev/mailbox/${newer.id}">二通目 / Second</a>`);
    expect(html).toContain(`<a href="/dev/mailbox/${older.id}">一通目 / First</a>`);
    expect(html.indexOf('二通目')).toBeLessThan(html.indexOf('一通目'));
    expect(html).toContain('first@example.jp');
    expect(html).toContain(formatTokyo(newer.receivedAt));
    expect(html).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
    expect(html).toContain('action="/dev/mailbox/clear"');
  });

  it('also serves the list without the trailing slash', async () => {
    const res = await get('/dev/mailbox');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('メールはまだありません');
  });

  it('shows a mail with linkified URLs and escaped user input', async () => {
    await send({
      to: 'user@example.jp',
      subject: '<script>alert("件名")</script> パスワード設定',
      text:
        'お名前: <script>alert(1)</script> & <b>太郎</b>\n' +
        `パスワード設定：${RESET_LINK}です。\n` +
        `Set your password: ${RESET_LINK}\n` +
        'javascript:alert(2) "quoted" \'single\'\n',
    });
    const mail = capture.mails()[0]!;

    const res = await get(`/dev/mailbox/${mail.id}`);
    expect(res.status).toBe(200);
    expectPrivate(res);
    const html = await res.text();
    expectCspSafe(html);

    const escapedLink = RESET_LINK.replace(/&/g, '&amp;');
    const anchor = `<a href="${escapedLink}" rel="noreferrer noopener">${escapedLink}</a>`;
    expect(html.split(anchor)).toHaveLength(3); // the link, twice, as <a>
    expect(html).toContain(`パスワード設定：${anchor}です。`);

    expect(html).toContain('&lt;script&gt;alert(&quot;件名&quot;)&lt;/script&gt; パスワード設定');
    expect(html).toContain('お名前: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;太郎&lt;/b&gt;');
    expect(html).toContain('javascript:alert(2) &quot;quoted&quot; &#39;single&#39;');
    expect(html).not.toContain('href="javascript');

    // headers block
    expect(html).toContain('noreply@ras.example.jp');
    expect(html).toContain('user@example.jp');
    expect(html).toContain(formatTokyo(mail.receivedAt));
    expect(html).toContain(mail.headers['date']!);
    expect(html).toMatch(/<pre>[\s\S]*<\/pre>/);
  });

  it('serves messages.json newest first', async () => {
    await send({ to: 'a@example.jp', subject: 'A', text: 'テキストA https://example.jp/a' });
    await send({ to: 'b@example.jp', subject: 'B', text: 'テキストB' });

    const res = await get('/dev/mailbox/messages.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectPrivate(res);
    const body = (await res.json()) as Array<Record<string, unknown>>;
    expect(body.map((m) => m['subject'])).toEqual(['B', 'A']);
    expect(body[1]).toMatchObject({
      to: ['a@example.jp'],
      text: expect.stringContaining('テキストA https://example.jp/a'),
      id: capture.mails()[0]!.id,
    });
    expect(new Date(body[0]!['receivedAt'] as string).getTime()).not.toBeNaN();
  });

  it('answers 404 for an unknown id, still uncacheable', async () => {
    const res = await get('/dev/mailbox/00000000-0000-0000-0000-000000000000');
    expect(res.status).toBe(404);
    expectPrivate(res);
    const html = await res.text();
    expect(html).toContain('Mail not found');
    expectCspSafe(html);
  });

  it('POST /clear empties the mailbox and redirects to the list', async () => {
    await send({ to: 'a@example.jp', subject: 'A', text: 'x' });
    expect(capture.mails()).toHaveLength(1);

    const res = await get('/dev/mailbox/clear', { method: 'POST', headers: { origin } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dev/mailbox/');
    expectPrivate(res);
    expect(capture.mails()).toEqual([]);

    const list = await (await get('/dev/mailbox/')).text();
    expect(list).toContain('メールはまだありません');
  });

  it('POST /clear from a page of PUBLIC_URL (the origin the web client\'s forms need) clears too', async () => {
    await send({ to: 'a@example.jp', subject: 'A', text: 'x' });
    const res = await get('/dev/mailbox/clear', { method: 'POST', headers: { origin: PUBLIC_URL } });
    expect(res.status).toBe(303);
    expect(capture.mails()).toEqual([]);
  });

  it.each([
    ['no Origin (what a form of an old browser or a script sends)', {}],
    ['another site', { origin: 'https://evil.example' }],
    ['another site, Sec-Fetch-Site cross-site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another port of this machine (same-site, another origin)', { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' }],
    ['an origin that only looks alike', { origin: `${PUBLIC_URL}.evil.example` }],
    ['the opaque origin of a sandboxed frame', { origin: 'null' }],
  ])('refuses POST /clear from %s, as the web client refuses its forms', async (_label, headers: Record<string, string>) => {
    await send({ to: 'a@example.jp', subject: 'A', text: 'x' });
    const res = await get('/dev/mailbox/clear', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Cross-site POST form submissions are forbidden');
    expectPrivate(res);
    expect(capture.mails()).toHaveLength(1);
  });

  it('answers only loopback clients: behind a trusted proxy the forwarded address decides', async () => {
    await send({ to: 'a@example.jp', subject: 'A', text: 'x' });
    for (const path of ['/dev/mailbox/', '/dev/mailbox/messages.json', `/dev/mailbox/${capture.mails()[0]!.id}`]) {
      const away = await fetch(`${proxiedOrigin}${path}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(away.status, path).toBe(403);
      expectPrivate(away);
      const text = await away.text();
      expect(text).toContain('only on this machine');
      expect(text).not.toContain('a@example.jp');
      const local = await fetch(`${proxiedOrigin}${path}`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(local.status, path).toBe(200);
    }
    const clear = await fetch(`${proxiedOrigin}/dev/mailbox/clear`, {
      method: 'POST', redirect: 'manual', headers: { 'x-forwarded-for': '198.51.100.7', origin: proxiedOrigin },
    });
    expect(clear.status).toBe(403);
    expect(capture.mails()).toHaveLength(1);
  });

  it('answers only requests for a loopback name or the public host (a rebound DNS name of another site is refused)', async () => {
    const { port } = new URL(origin);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.0.0.2:${port}`, `[::1]:${port}`, 'portal.test']) {
      const res = await rawGet(host);
      expect(res.status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1.evil.example:${port}`, 'localhost@evil.example', '']) {
      const res = await rawGet(host);
      expect(res.status, host).toBe(403);
      expect(res.text, host).not.toContain('Development mailbox</h1>');
    }
  });
});

/** GET /dev/mailbox/ with a Host header of our choosing, written as it is (none at all for ''). */
function rawGet(host: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(origin).port), '127.0.0.1', () =>
      socket.write(`GET /dev/mailbox/ HTTP/1.0\r\n${host ? `Host: ${host}\r\n` : ''}\r\n`),
    );
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c) => (text += c));
    socket.on('error', reject);
    socket.on('end', () => resolve({ status: Number(text.split(' ')[1]), text }));
  });
}

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('%s is loopback', (a) => expect(isLoopbackAddress(a)).toBe(true));
  it.each(['192.0.2.2', '10.0.0.1', '::', '0.0.0.0', 'fd00::2', '::ffff:192.0.2.1', '127.0.0.1.evil', '1127.0.0.1', '', undefined])(
    '%s is not',
    (a) => expect(isLoopbackAddress(a)).toBe(false),
  );
});


describe('helpers', () => {
  it('formatTokyo renders YYYY/MM/DD HH:MM:SS in Asia/Tokyo', () => {
    expect(formatTokyo(new Date('2024-12-31T15:00:00Z'))).toBe('2025/01/01 00:00:00');
    expect(formatTokyo(new Date('2024-03-05T03:04:05Z'))).toBe('2024/03/05 12:04:05');
  });

  it('linkify escapes text and links only http(s) URLs', () => {
    expect(linkify('<a href="x">x</a> http://a.example/?q=<b>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;x&lt;/a&gt; <a href="http://a.example/?q=" rel="noreferrer noopener">http://a.example/?q=</a>&lt;b&gt;',
    );
    expect(linkify("https://x.example/'onmouseover='alert(1)")).toBe(
      '<a href="https://x.example/&#39;onmouseover=&#39;alert(1)" rel="noreferrer noopener">https://x.example/&#39;onmouseover=&#39;alert(1)</a>',
    );
  });
});
