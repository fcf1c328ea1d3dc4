import net from 'node:net';

import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { extractAuthId, extractLinks, MailCapture } from '../../../support/smtp-receiver.js';
import type { CapturedMail } from '../../../support/smtp-receiver.js';

const FROM = '"在留申請オンラインシステム" <noreply@ras.example.jp>';

function transport(port: number) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 2000,
    greetingTimeout: 2000,
    socketTimeout: 5000,
  });
}

async function send(port: number, mail: { to: string; subject: string; text: string }) {
  const t = transport(port);
  try {
    return await t.sendMail({ from: FROM, ...mail });
  } finally {
    t.close();
  }
}

const LONG_LINK =
  'https://ras.example.jp/password/reset?token=' + 'Ab3_-x'.repeat(20) + '&lang=ja';

const BODY = [
  '在留申請オンラインシステムへの利用者登録ありがとうございます。',
  'あなたの認証IDは wikpn31487 です。',
  '以下のリンクからパスワードを設定してください（24時間有効）。',
  LONG_LINK,
  '',
  '----',
  'Thank you for registering with the Residence Application Online System.',
  'Your user ID is wikpn31487.',
  'Set your password with the following link (valid for 24 hours):',
  LONG_LINK,
  '',
].join('\n');

describe('MailCapture', () => {
  let capture: MailCapture;

  beforeEach(async () => {
    capture = await MailCapture.start({ port: 0 });
  });

  afterEach(async () => {
    await capture.stop();
  });

  it('listens on an ephemeral port and exposes an smtp:// url', () => {
    expect(capture.port).toBeGreaterThan(0);
    expect(capture.url).toBe(`smtp://127.0.0.1:${capture.port}`);
    expect(capture.running).toBe(true);
    expect(capture.mails()).toEqual([]);
  });

  it('captures and decodes a Japanese + English mail sent over real SMTP', async () => {
    const info = await send(capture.port, {
      to: 'taro.yamada@example.jp',
      subject: '【在留申請オンラインシステム】利用者登録のお知らせ / Registration',
      text: BODY,
    });

    // sendMail resolves after the server's 250, which is sent after the mail is stored
    const mails = capture.mails();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(mail.receivedAt).toBeInstanceOf(Date);
    expect(mail.subject).toBe('【在留申請オンラインシステム】利用者登録のお知らせ / Registration');
    expect(mail.from).toContain('在留申請オンラインシステム');
    expect(mail.from).toContain('noreply@ras.example.jp');
    expect(mail.to).toEqual(['taro.yamada@example.jp']);
    expect(mail.text).toContain('あなたの認証IDは wikpn31487 です。');
    expect(mail.text).toContain('Your user ID is wikpn31487.');
    expect(mail.html).toBeUndefined();
    expect(mail.messageId).toBe(info.messageId);

    // the long URL survives quoted-printable soft line breaks intact
    expect(extractLinks(mail.text)).toEqual([LONG_LINK]);
    expect(extractAuthId(mail.text)).toBe('wikpn31487');

    // raw header map: lower-case names, still MIME-encoded values
    expect(mail.headers['subject']).toMatch(/=\?UTF-8\?/i);
    expect(mail.headers['to']).toBe('taro.yamada@example.jp');
    expect(mail.headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    expect(mail.headers['content-transfer-encoding']).toMatch(/quoted-printable|base64/i);
    expect(mail.headers['message-id']).toBe(info.messageId);
  });

  it('keeps injected CR/LF in user values out of the header map', async () => {
    await send(capture.port, {
      to: 'user@example.jp',
      subject: 'お名前: 山田\r\nBcc: attacker@evil.example\r\nX-Injected: yes',
      text: 'body',
    });
    const mail = capture.mails()[0]!;
    expect(mail.headers['bcc']).toBeUndefined();
    expect(mail.headers['x-injected']).toBeUndefined();
    expect(mail.to).toEqual(['user@example.jp']);
    expect(mail.subject).toContain('山田');
  });

  it('records every envelope recipient', async () => {
    const t = transport(capture.port);
    await t.sendMail({
      from: FROM,
      to: 'a@example.jp',
      cc: 'b@example.jp',
      bcc: 'c@example.jp',
      subject: 'multi',
      text: 'x',
    });
    t.close();
    expect(capture.mails()[0]!.to).toEqual(['a@example.jp', 'b@example.jp', 'c@example.jp']);
    expect(capture.mails()[0]!.headers['bcc']).toBeUndefined();
  });

  it('waitFor resolves for a mail sent after the call', async () => {
    const waiting = capture.waitFor((m) => m.to.includes('later@example.jp'), 5000);
    await send(capture.port, { to: 'other@example.jp', subject: 'not this one', text: 'x' });
    await send(capture.port, { to: 'later@example.jp', subject: '後から / later', text: 'y' });
    const mail = await waiting;
    expect(mail.subject).toBe('後から / later');
  });

  it('waitFor resolves immediately with the newest matching mail already captured', async () => {
    await send(capture.port, { to: 'u@example.jp', subject: 'first', text: '1' });
    await send(capture.port, { to: 'u@example.jp', subject: 'second', text: '2' });
    const mail = await capture.waitFor((m) => m.to.includes('u@example.jp'), 50);
    expect(mail.subject).toBe('second');
  });

  it('waitFor rejects with a clear error on timeout', async () => {
    await send(capture.port, { to: 'someone@example.jp', subject: 'unrelated', text: 'x' });
    const started = Date.now();
    await expect(capture.waitFor((m) => m.subject === 'never', 150)).rejects.toThrow(
      /no matching mail arrived within 150 ms.*1 mail\(s\) captured[\s\S]*unrelated/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('waitFor rejects when the predicate throws', async () => {
    await send(capture.port, { to: 'someone@example.jp', subject: 'x', text: 'x' });
    await expect(
      capture.waitFor(() => {
        throw new Error('bad predicate');
      }, 100),
    ).rejects.toThrow('bad predicate');
  });

  it('notifies onMail / on("mail") listeners until unsubscribed', async () => {
    const seen: string[] = [];
    const viaOn: CapturedMail[] = [];
    const unsubscribe = capture.onMail((m) => seen.push(m.subject));
    const onListener = (m: CapturedMail) => viaOn.push(m);
    capture.on('mail', onListener);
    capture.onMail(() => {
      throw new Error('a broken listener must not break delivery');
    });

    await send(capture.port, { to: 'a@example.jp', subject: 'one', text: '1' });
    unsubscribe();
    capture.off('mail', onListener);
    await send(capture.port, { to: 'a@example.jp', subject: 'two', text: '2' });

    expect(seen).toEqual(['one']);
    expect(viaOn.map((m) => m.subject)).toEqual(['one']);
    expect(capture.mails()).toHaveLength(2);
  });

  it('clear() empties the mailbox', async () => {
    await send(capture.port, { to: 'a@example.jp', subject: 'one', text: '1' });
    capture.clear();
    expect(capture.mails()).toEqual([]);
  });

  it('restart() brings the server back on the same port; sends fail while stopped', async () => {
    const port = capture.port;
    await send(capture.port, { to: 'a@example.jp', subject: 'before', text: '1' });

    await capture.stop();
    expect(capture.running).toBe(false);
    await expect(send(port, { to: 'a@example.jp', subject: 'while down', text: '2' })).rejects.toMatchObject({
      message: expect.stringMatching(/ECONNREFUSED/),
    });

    await capture.restart();
    expect(capture.running).toBe(true);
    expect(capture.port).toBe(port);
    await send(port, { to: 'a@example.jp', subject: 'after', text: '3' });

    expect(capture.mails().map((m) => m.subject)).toEqual(['before', 'after']);
  });

  it('restart() while running keeps the port and pending waitFor calls', async () => {
    const port = capture.port;
    const waiting = capture.waitFor((m) => m.subject === 'after restart', 5000);
    await capture.restart();
    expect(capture.port).toBe(port);
    await send(port, { to: 'a@example.jp', subject: 'after restart', text: 'x' });
    await expect(waiting).resolves.toMatchObject({ subject: 'after restart' });
  });

  it('stop() closes idle client connections promptly', async () => {
    const socket = net.connect(capture.port, '127.0.0.1');
    const greeting = await new Promise<string>((resolve, reject) => {
      socket.once('data', (d) => resolve(d.toString()));
      socket.once('error', reject);
    });
    expect(greeting).toMatch(/^220 /);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);

    const started = Date.now();
    await capture.stop();
    await closed;
    expect(Date.now() - started).toBeLessThan(2000);
    // idempotent
    await capture.stop();
  });

  it('drops the oldest mails beyond maxMails', async () => {
    const small = await MailCapture.start({ port: 0, maxMails: 3 });
    try {
      for (let i = 1; i <= 5; i++) {
        await send(small.port, { to: 'a@example.jp', subject: `mail ${i}`, text: String(i) });
      }
      expect(small.mails().map((m) => m.subject)).toEqual(['mail 3', 'mail 4', 'mail 5']);
    } finally {
      await small.stop();
    }
  });

  it('rejects an invalid maxMails and a port already in use', async () => {
    await expect(MailCapture.start({ maxMails: 0 })).rejects.toThrow(RangeError);
    await expect(MailCapture.start({ port: capture.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('extractLinks / extractAuthId', () => {
  it('extracts http(s) links, stopping at Japanese text and trailing punctuation', () => {
    const text =
      'こちら：https://ras.example.jp/a?x=1&y=2です。\n' +
      '(see https://ras.example.jp/b).\n' +
      'Again: https://ras.example.jp/a?x=1&y=2.\n' +
      'not a link: ftp://example.jp/c, javascript:alert(1)\n' +
      'http://localhost:3000/reset#token=abc';
    expect(extractLinks(text)).toEqual([
      'https://ras.example.jp/a?x=1&y=2',
      'https://ras.example.jp/b',
      'http://localhost:3000/reset#token=abc',
    ]);
    expect(extractLinks('no links here')).toEqual([]);
  });

  it('finds a 認証ID as a whole word only', () => {
    expect(extractAuthId('認証ID: wikpn31487')).toBe('wikpn31487');
    expect(extractAuthId('認証IDはwikpn31487です。')).toBe('wikpn31487');
    expect(extractAuthId('Your user ID is abcde12345.')).toBe('abcde12345');
    expect(extractAuthId('xwikpn31487 wikpn314870 Wikpn31487 wikp31487')).toBeUndefined();
    expect(extractAuthId('mail to abcde12345@example.jp')).toBeUndefined();
    expect(extractAuthId('https://ras.example.jp/login?id=abcde12345')).toBeUndefined();
    expect(extractAuthId('宛先 abcde12345@example.jp\n認証ID\n  fghij67890\n')).toBe('fghij67890');
    expect(extractAuthId('')).toBeUndefined();
  });
});
