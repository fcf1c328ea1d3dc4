/**
 * Test helpers around the in-memory SMTP receiver.
 *
 *   const smtp = await MailCapture.start({ port: 0 });
 *   // point the server's SMTP_URL at smtp.url, trigger a mail, then:
 *   const mail = await smtp.waitFor((m) => m.to.includes('user@example.jp'));
 *   const authId = extractAuthId(mail.text);
 *   const [link] = extractLinks(mail.text);
 *   await smtp.stop();
 */
import { findHttpUrls } from '../../server/src/modules/mail/mail-capture.js';

export { MailCapture, findHttpUrls } from '../../server/src/modules/mail/mail-capture.js';
export type { CapturedMail, MailCaptureOptions, MailListener } from '../../server/src/modules/mail/mail-capture.js';

/**
 * The http(s) URLs of a plain-text mail body, in order of first appearance,
 * without duplicates (the Japanese and English halves of a mail usually carry
 * the same link). Trailing punctuation and following Japanese text are not
 * part of a URL.
 */
export function extractLinks(text: string): string[] {
  return [...new Set(findHttpUrls(text).map((u) => u.url))];
}

// 5 lower-case letters + 5 digits as a whole word. Not part of a longer
// word, an e-mail address (abcde12345@example.jp) or a dotted/hyphenated name.
const AUTH_ID = /(?<![A-Za-z0-9_@.+\-])[a-z]{5}[0-9]{5}(?![A-Za-z0-9_@]|[.\-][A-Za-z0-9])/g;

/**
 * The 認証ID (e.g. `wikpn31487`) in a mail body: preferably the one on a line
 * that mentions 認証ID / User ID, otherwise the first candidate outside URLs
 * and e-mail addresses.
 */
export function extractAuthId(text: string): string | undefined {
  // Blank out URLs so ids in query strings or paths are not picked up.
  let blanked = text;
  for (const { url, index } of findHttpUrls(text)) {
    blanked = blanked.slice(0, index) + ' '.repeat(url.length) + blanked.slice(index + url.length);
  }
  let first: string | undefined;
  for (const line of blanked.split(/\r?\n/)) {
    const ids = line.match(AUTH_ID);
    if (!ids) continue;
    if (/認証\s*ID|\bID\b/i.test(line)) return ids[0];
    first ??= ids[0];
  }
  return first;
}
