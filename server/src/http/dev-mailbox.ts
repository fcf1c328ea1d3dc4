/**
 * Development mailbox: shows the mails captured by the in-process SMTP
 * receiver (MailCapture) when no SMTP_URL is configured. Mounted by the caller
 * at /dev/mailbox, and only outside production.
 *
 * It shows every 認証ID and password link, so it answers only this machine:
 * a loopback client (also behind a trusted proxy: the forwarded address must be
 * loopback too), asking for a loopback name or PUBLIC_URL's host (a page of
 * another site that makes its name resolve to 127.0.0.1 — DNS rebinding — is
 * refused by the Host check). The pages send the site's security headers with a
 * policy that allows nothing but its own form, and the clear form is checked
 * like the web client's form actions (the Origin must be the site's).
 *
 * The pages use no inline <style>/<script> and no style attributes. Mail bodies
 * contain user input and password links: everything is HTML-escaped,
 * responses are not cached, and no Referer leaves the site.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

import { findHttpUrls } from '../modules/mail/mail-capture.js';
import type { CapturedMail, MailCapture } from '../modules/mail/mail-capture.js';
import { isLoopbackAddress } from './client-ip.js';

const TITLE = '開発用メールボックス Development mailbox';

/** Where express-app mounts the mailbox. */
export const DEV_MAILBOX_PATH = '/dev/mailbox';

/**
 * The site's pages' policy (client/vite.config.ts) narrowed to what these pages use: no script, style, image or
 * frame of any origin; their own clear form; no framing.
 */
export const DEV_MAILBOX_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface DevMailboxOptions {
  /** PUBLIC_URL: the origin whose pages may post the clear form, and a host name the mailbox answers to */
  publicUrl: string;
  /** the mount path; links and the redirect after clearing are built from it, never from the request */
  basePath?: string;
}

export function devMailboxRouter(capture: MailCapture, { publicUrl, basePath = DEV_MAILBOX_PATH }: DevMailboxOptions): express.Router {
  const router = express.Router();
  const site = new URL(publicUrl);

  router.use((req: Request, res: Response, next: NextFunction) => {
    res.set({
      'Cache-Control': 'no-store',
      'Content-Security-Policy': DEV_MAILBOX_CSP,
      // The site's policy: no-referrer would make the browser send `Origin: null` with the clear form, which the
      // Origin check then refuses. The mails' links carry rel=noreferrer themselves.
      'Referrer-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'X-Robots-Tag': 'noindex, nofollow',
      ...(site.protocol === 'https:' ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
    });
    if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackAddress(req.ip)) {
      res.status(403).type('text').send('Forbidden: the development mailbox answers only on this machine (loopback).');
      return;
    }
    if (!answersTo(req.headers.host, site)) {
      res.status(403).type('text').send('Forbidden: the development mailbox answers only to localhost, 127.0.0.1, [::1] and PUBLIC_URL.');
      return;
    }
    next();
  });

  router.get('/', (_req, res) => {
    res.type('html').send(renderList(newestFirst(capture.mails()), basePath));
  });

  router.get('/messages.json', (_req, res) => {
    res.json(newestFirst(capture.mails()));
  });

  router.post('/clear', (req, res) => {
    // As SvelteKit checks the web client's form actions: a form post counts only from the site's own pages, whose
    // origin is PUBLIC_URL's or the loopback address the page was opened at (the Host was checked above).
    const origin = req.get('origin');
    if (origin !== site.origin && origin !== `http://${req.headers.host}`) {
      res.status(403).type('text').send('Cross-site POST form submissions are forbidden');
      return;
    }
    capture.clear();
    res.redirect(303, `${basePath}/`);
  });

  router.get('/:id', (req, res) => {
    const mail = capture.get(req.params.id);
    if (!mail) {
      res.status(404).type('html').send(renderNotFound(basePath));
      return;
    }
    res.type('html').send(renderMail(mail, basePath));
  });

  return router;
}

/** Whether a Host header names this machine by a loopback name or address, or the public host. */
function answersTo(host: string | undefined, site: URL): boolean {
  let name: string;
  try {
    name = new URL(`http://${host ?? ''}`).hostname;
  } catch {
    return false;
  }
  return name === site.hostname || name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

function newestFirst(mails: CapturedMail[]): CapturedMail[] {
  return mails.slice().reverse();
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/** HTML-escapes `text`, turning every http(s) URL into a link. */
export function linkify(text: string): string {
  let html = '';
  let pos = 0;
  for (const { url, index } of findHttpUrls(text)) {
    html += escapeHtml(text.slice(pos, index));
    const escaped = escapeHtml(url);
    html += `<a href="${escaped}" rel="noreferrer noopener">${escaped}</a>`;
    pos = index + url.length;
  }
  return html + escapeHtml(text.slice(pos));
}

const tokyoFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY/MM/DD HH:MM:SS` in Asia/Tokyo. */
export function formatTokyo(date: Date): string {
  const parts: Record<string, string> = {};
  for (const p of tokyoFormat.formatToParts(date)) parts[p.type] = p.value;
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function timeTag(date: Date): string {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(formatTokyo(date))}</time>`;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;
}

const NOTICE =
  '<p>このメールボックスは開発環境専用です（SMTP_URL が設定されていないため、送信メールはここに届きます）。' +
  '<br>This mailbox exists only in development: no SMTP_URL is set, so outgoing mails are delivered here instead of being sent.</p>';

function renderList(mails: CapturedMail[], baseUrl: string): string {
  const rows = mails
    .map(
      (m) => `<tr>
<td>${timeTag(m.receivedAt)}</td>
<td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="${escapeHtml(`${baseUrl}/${encodeURIComponent(m.id)}`)}">${escapeHtml(m.subject || '(件名なし / no subject)')}</a></td>
</tr>`,
    )
    .join('\n');

  const table =
    mails.length === 0
      ? '<p>メールはまだありません。 No mails yet.</p>'
      : `<table>
<caption>受信メール ${mails.length} 件（新しい順） / ${mails.length} mail(s), newest first</caption>
<thead>
<tr><th scope="col">受信日時 Received (JST)</th><th scope="col">宛先 To</th><th scope="col">件名 Subject</th></tr>
</thead>
<tbody>
${rows}
</tbody>
</table>`;

  return page(
    TITLE,
    `<header>
<h1>${escapeHtml(TITLE)}</h1>
${NOTICE}
</header>
<main>
<nav>
<a href="${escapeHtml(`${baseUrl}/`)}">再読み込み Reload</a>
| <a href="${escapeHtml(`${baseUrl}/messages.json`)}">messages.json</a>
</nav>
<form method="post" action="${escapeHtml(`${baseUrl}/clear`)}">
<button type="submit">すべて削除 Clear all</button>
</form>
${table}
</main>`,
  );
}

function renderMail(mail: CapturedMail, baseUrl: string): string {
  const dateHeader = mail.headers['date'];
  const fields: Array<[string, string]> = [
    ['差出人 From', escapeHtml(mail.from)],
    ['宛先 To', escapeHtml(mail.to.join(', '))],
    ['件名 Subject', escapeHtml(mail.subject)],
    ['日付 Date', dateHeader !== undefined ? escapeHtml(dateHeader) : '—'],
    ['受信日時 Received (JST)', timeTag(mail.receivedAt)],
  ];
  if (mail.messageId) fields.push(['Message-ID', escapeHtml(mail.messageId)]);

  const dl = fields.map(([k, v]) => `<dt>${escapeHtml(k)}</dt>\n<dd>${v}</dd>`).join('\n');
  const htmlNote =
    mail.html !== undefined
      ? '<p>このメールには HTML パートもありますが、表示していません。 This mail also has an HTML part, which is not rendered.</p>'
      : '';

  return page(
    `${mail.subject || '(no subject)'} - ${TITLE}`,
    `<header>
<p><a href="${escapeHtml(`${baseUrl}/`)}">← ${escapeHtml(TITLE)}</a></p>
${NOTICE}
</header>
<main>
<article>
<h1>${escapeHtml(mail.subject || '(件名なし / no subject)')}</h1>
<dl>
${dl}
</dl>
${htmlNote}
<pre>${linkify(mail.text)}</pre>
</article>
</main>`,
  );
}

function renderNotFound(baseUrl: string): string {
  return page(
    `404 - ${TITLE}`,
    `<main>
<h1>メールが見つかりません Mail not found</h1>
<p>削除されたか、古いメールとして破棄された可能性があります。 It may have been cleared or dropped as an old mail.</p>
<p><a href="${escapeHtml(`${baseUrl}/`)}">← ${escapeHtml(TITLE)}</a></p>
</main>`,
  );
}
