import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { devMailboxRouter, formatTokyo, linkify } from '../../../server/src/http/dev-mailbox.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import type { CapturedMail } from '../../support/smtp-receiver.js';

let capture: MailCapture;
let server: Server;
let origin: string;

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
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
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
  app.use('/dev/mailbox', devMailboxRouter(capture));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
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

    const res = await get('/dev/mailbox/clear', { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dev/mailbox/');
    expectPrivate(res);
    expect(capture.mails()).toEqual([]);

    const list = await (await get('/dev/mailbox/')).text();
    expect(list).toContain('メールはまだありません');
  });

  it('refuses a cross-site POST /clear', async () => {
    await send({ to: 'a@example.jp', subject: 'A', text: 'x' });
    const res = await get('/dev/mailbox/clear', { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(capture.mails()).toHaveLength(1);
  });
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
