/**
 * In-memory SMTP receiver.
 *
 * Used by the built-in development mailbox (no SMTP_URL configured) and by
 * tests. It is a real SMTP server listening on a TCP port: the product sends
 * its mails to it with nodemailer exactly as it would to a real relay, and the
 * received messages are decoded with mailparser and kept in memory.
 *
 * Never meant for production: no TLS, no authentication, everything accepted.
 * Whether it runs is the caller's decision.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';

import { simpleParser } from 'mailparser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface CapturedMail {
  /** Random id, safe to use in a URL path. */
  id: string;
  receivedAt: Date;
  /** Decoded `From` header (e.g. `"名前" <a@example.jp>`), or the envelope sender if the header is missing. */
  from: string;
  /** Envelope recipients (RCPT TO) as bare addresses; the `To` header addresses if the envelope had none. */
  to: string[];
  /** Decoded subject ('' if none). */
  subject: string;
  /** Decoded plain-text body ('' if none). */
  text: string;
  html?: string;
  messageId?: string;
  /**
   * Flat map of the top-level header lines: lower-case name → raw (still
   * MIME-encoded, unfolded) value. A header that occurs several times has its
   * values joined with "\n".
   */
  headers: Record<string, string>;
}

export interface MailCaptureOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** TCP port, 0 (default) = ephemeral. */
  port?: number;
  /** Maximum number of mails kept; the oldest are dropped first. Default 500. */
  maxMails?: number;
}

export type MailListener = (mail: CapturedMail) => void;

const DEFAULT_MAX_MAILS = 500;
const MAX_MESSAGE_SIZE = 10 * 1024 * 1024;
/** How long connected clients get to finish after stop() before their sockets are destroyed. */
const STOP_GRACE_MS = 200;

export class MailCapture {
  readonly host: string;
  readonly maxMails: number;

  #port: number;
  #server: SMTPServer | undefined;
  readonly #sockets = new Set<Socket>();
  #mails: CapturedMail[] = [];
  readonly #events = new EventEmitter();

  private constructor(opts: MailCaptureOptions) {
    this.host = opts.host ?? '127.0.0.1';
    this.#port = opts.port ?? 0;
    const maxMails = opts.maxMails ?? DEFAULT_MAX_MAILS;
    if (!Number.isInteger(maxMails) || maxMails < 1) {
      throw new RangeError(`MailCapture: maxMails must be a positive integer, got ${String(opts.maxMails)}`);
    }
    this.maxMails = maxMails;
    // Listener count is unbounded on purpose: every pending waitFor() adds one.
    this.#events.setMaxListeners(0);
  }

  /** Starts a receiver and resolves once it is listening. */
  static async start(opts: MailCaptureOptions = {}): Promise<MailCapture> {
    const capture = new MailCapture(opts);
    await capture.#listen();
    return capture;
  }

  /** The port listened on (the actual one when started with port 0). */
  get port(): number {
    return this.#port;
  }

  /** e.g. `smtp://127.0.0.1:2525` */
  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `smtp://${host}:${this.#port}`;
  }

  /** Whether the SMTP server is currently accepting connections. */
  get running(): boolean {
    return this.#server !== undefined;
  }

  /** A copy of the received mails, oldest first (newest last). */
  mails(): CapturedMail[] {
    return [...this.#mails];
  }

  /** Looks a mail up by its id. */
  get(id: string): CapturedMail | undefined {
    return this.#mails.find((m) => m.id === id);
  }

  clear(): void {
    this.#mails = [];
  }

  /** Subscribes to newly received mails. Returns a function that unsubscribes. */
  onMail(fn: MailListener): () => void {
    this.#events.on('mail', fn);
    return () => {
      this.#events.off('mail', fn);
    };
  }

  on(event: 'mail', fn: MailListener): this {
    this.#events.on(event, fn);
    return this;
  }

  off(event: 'mail', fn: MailListener): this {
    this.#events.off(event, fn);
    return this;
  }

  /**
   * Resolves with a mail matching `predicate`: the newest already captured
   * one if any, otherwise the first one to arrive. Rejects after `timeoutMs`.
   */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs = 10_000): Promise<CapturedMail> {
    return new Promise<CapturedMail>((resolve, reject) => {
      try {
        for (let i = this.#mails.length - 1; i >= 0; i--) {
          const mail = this.#mails[i]!;
          if (predicate(mail)) {
            resolve(mail);
            return;
          }
        }
      } catch (err) {
        reject(err);
        return;
      }

      const listener = (mail: CapturedMail): void => {
        let matched: boolean;
        try {
          matched = predicate(mail);
        } catch (err) {
          cleanup();
          reject(err);
          return;
        }
        if (matched) {
          cleanup();
          resolve(mail);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.#mails.map((m) => `  - to ${m.to.join(', ')}: ${JSON.stringify(m.subject)}`);
        reject(
          new Error(
            `MailCapture.waitFor: no matching mail arrived within ${timeoutMs} ms at ${this.url}` +
              ` (${this.#mails.length} mail(s) captured${seen.length ? `:\n${seen.join('\n')}` : ''})`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#events.off('mail', listener);
      };
      this.#events.on('mail', listener);
    });
  }

  /** Stops listening and closes every client connection promptly. Idempotent. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;

    const closed = new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    // Tell connected clients, then end their sockets.
    for (const connection of [...server.connections]) {
      try {
        connection.send(421, 'Server shutting down');
        connection.close();
      } catch {
        // the socket may already be gone
      }
    }
    // Clients that do not hang up are cut off after a short grace period.
    const sockets = [...this.#sockets];
    const grace = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, STOP_GRACE_MS);
    try {
      await closed;
    } finally {
      clearTimeout(grace);
      for (const socket of sockets) {
        socket.destroy();
        this.#sockets.delete(socket);
      }
    }
  }

  /**
   * Stops (if running) and listens again on the same port. Captured mails and
   * listeners (including pending waitFor calls) are kept.
   */
  async restart(): Promise<void> {
    await this.stop();
    await this.#listen();
  }

  async #listen(): Promise<void> {
    if (this.#server) return;

    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      hideSTARTTLS: true,
      size: MAX_MESSAGE_SIZE,
      disableReverseLookup: true,
      logger: false,
      name: 'dev-mailbox.localhost',
      banner: 'Development mailbox (in-memory capture)',
      onData: (stream, session, callback) => {
        this.#receive(stream, session).then(
          () => callback(null),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      },
    });
    // Connection-level errors (client reset, socket destroyed on stop) must not crash the process.
    server.on('error', () => undefined);
    server.server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });

    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        server.server.off('listening', onListening);
        reject(err);
      };
      const onListening = (): void => {
        server.server.off('error', onError);
        resolve();
      };
      server.server.once('error', onError);
      server.server.once('listening', onListening);
      server.listen(this.#port, this.host);
    });

    this.#port = (server.server.address() as AddressInfo).port;
    this.#server = server;
  }

  async #receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded) {
      throw Object.assign(new Error(`Message exceeds the fixed maximum message size (${MAX_MESSAGE_SIZE} bytes)`), {
        responseCode: 552,
      });
    }

    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(Buffer.concat(chunks), { skipImageLinks: true });
    } catch (err) {
      throw Object.assign(new Error(`Could not parse message: ${err instanceof Error ? err.message : String(err)}`), {
        responseCode: 451,
      });
    }

    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const envelopeTo = session.envelope.rcptTo.map((a) => a.address);

    const mail: CapturedMail = {
      id: randomUUID(),
      receivedAt: new Date(),
      from: parsed.from?.text || envelopeFrom,
      to: envelopeTo.length > 0 ? envelopeTo : headerAddresses(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      headers: flattenHeaderLines(parsed.headerLines),
    };
    if (typeof parsed.html === 'string') mail.html = parsed.html;
    if (parsed.messageId) mail.messageId = parsed.messageId;

    this.#mails.push(mail);
    if (this.#mails.length > this.maxMails) {
      this.#mails.splice(0, this.#mails.length - this.maxMails);
    }
    // A throwing listener must not turn an accepted mail into an SMTP error.
    for (const listener of this.#events.listeners('mail') as MailListener[]) {
      try {
        listener(mail);
      } catch {
        // ignore
      }
    }
  }
}

function headerAddresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.address) out.push(entry.address);
      if (entry.group) walk(entry.group);
    }
  };
  for (const obj of objects) walk(obj.value);
  return out;
}

function flattenHeaderLines(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : line).replace(/\r?\n(?=[ \t])/g, '').trim();
    headers[name] = name in headers ? `${headers[name]}\n${value}` : value;
  }
  // a plain object again, so it serialises and compares like one
  return { ...headers };
}

/**
 * Finds the http(s) URLs in a plain-text body, in order of appearance.
 * Only URL characters (RFC 3986, ASCII) are taken, so a URL directly followed
 * by Japanese text (e.g. 「https://…です。」) ends where the URL ends; trailing
 * sentence punctuation and unbalanced closing brackets are not included.
 */
export function findHttpUrls(text: string): Array<{ url: string; index: number }> {
  const out: Array<{ url: string; index: number }> = [];
  const pattern = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
  for (const match of text.matchAll(pattern)) {
    let url = match[0];
    for (;;) {
      const last = url.at(-1);
      if (last === undefined) break;
      if ('.,;:!?\'"'.includes(last)) {
        url = url.slice(0, -1);
        continue;
      }
      const pairs: Record<string, string> = { ')': '(', ']': '[' };
      const open = pairs[last];
      if (open !== undefined && count(url, last) > count(url, open)) {
        url = url.slice(0, -1);
        continue;
      }
      break;
    }
    if (/^https?:\/\/./.test(url)) out.push({ url, index: match.index });
  }
  return out;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}
