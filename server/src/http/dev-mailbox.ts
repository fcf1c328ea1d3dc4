/**
 * Development mailbox: shows the mails captured by the in-process SMTP
 * receiver (MailCapture) when no SMTP_URL is configured. Mounted by the caller
 * at /dev/mailbox, and only outside production.
 *
 * The pages use no inline <style>/<script> and no style attributes, so they
 * work under the site's Content-Security-Policy. Mail bodies contain user
 * input and password links: everything is HTML-escaped, and responses are
 * neither cached nor leaked through the Referer header.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

import { findHttpUrls } from '../modules/mail/mail-capture.js';
import type { CapturedMail, MailCapture } from '../modules/mail/mail-capture.js';

const TITLE = '開発用メールボックス Development mailbox';

export function devMailboxRouter(capture: MailCapture): express.Router {
  const router = express.Router();

  router.use((_req: Request, res: Response, next: NextFunction) => {
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Robots-Tag': 'noindex, nofollow',
    });
    next();
  });

  router.get('/', (req, res) => {
    res.type('html').send(renderList(newestFirst(capture.mails()), base(req)));
  });

  router.get('/messages.json', (_req, res) => {
    res.json(newestFirst(capture.mails()));
  });

  router.post('/clear', (req, res) => {
    // The page's own form is same-origin; refuse a cross-site form post.
    if (req.get('sec-fetch-site') === 'cross-site') {
      res.status(403).type('text').send('Forbidden');
      return;
    }
    capture.clear();
    res.redirect(303, `${base(req)}/`);
  });

  router.get('/:id', (req, res) => {
    const mail = capture.get(req.params.id);
    if (!mail) {
      res.status(404).type('html').send(renderNotFound(base(req)));
      return;
    }
    res.type('html').send(renderMail(mail, base(req)));
  });

  return router;
}

/** Mount path of the router, e.g. "/dev/mailbox" (no trailing slash). */
function base(req: Request): string {
  return req.baseUrl.replace(/\/+$/, '');
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
