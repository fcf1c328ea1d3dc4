import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { probeArgon2 } from '../support/argon2-probe.js';
import { loadConfig } from '../../server/src/config.js';
import { startApp, type RunningApp } from '../../server/src/app.js';
import { ManualClock } from '../../server/src/lib/clock.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { hashToken } from '../../server/src/lib/tokens.js';
import { createTestDatabase, testPool } from '../support/test-database.js';
import { requestGql, startTestServer, type GqlOptions, type GqlResponse, type TestServer } from '../support/test-server.js';
import { LOGIN, PASSWORD, REGISTER, SET_PASSWORD, VALID_REGISTRATION, activeUser, loginToken, registerUser, uniqueEmail, REQUEST_PASSWORD_RESET } from '../support/fixtures.js';
import { accountRow, countRows, expectTopLevel, login } from '../support/auth-helpers.js';
import { linkToken, outboxOfUser, waitUntil } from '../support/mail-helpers.js';
import { MailCapture, extractAuthId, extractLinks } from '../support/smtp-receiver.js';
import { gqlAt, postWithHeaders, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { cspDirectives } from '../support/csp.js';

/**
 * Tests for the requirements of docs/spec/security.md that had no (or only a partial) test elsewhere; see
 * docs/security-coverage.md for the whole map. One `describe` per requirement line, named `security.md N: …`.
 *
 * Everything runs against the real app (HTTP, GraphQL, PostgreSQL, the built web client on the same port, real SMTP
 * where mail matters). The main server's PUBLIC_URL is https, so the web client behaves as it does behind TLS
 * (`__Host-` cookie, HSTS). A few requirements need other settings and get their own server.
 */

const PUBLIC_URL = 'https://portal.test';
const WRONG = 'Wrong-pass1!';
const LINK_INVALID_JA =
  'このリンクは無効です。有効期限が切れたか、既に使用されたか、新しいリンクが送信されています。パスワード再設定からやり直してください。';

const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) { __typename ... on ChangePasswordSuccess { token } ... on ErrorResult { code } }
  }`;
const UPDATE_EMAIL = /* GraphQL */ `
  mutation UpdateUser($e: String) { updateUser(input: { email: $e, emailConfirmation: $e }) { __typename } }`;
const ME_AUTH_ID = 'query { me { authId } }';

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Servers

/**
 * The web client runs inside the app's process and reads its settings (the API address among them) from one global,
 * which every startApp overwrites. The extra servers below serve no pages in these tests, so the main server's
 * settings are put back after each of them starts.
 */
const CLIENT_CONFIG = Symbol.for('ras-portal.client-config');
async function keepWebClientOnMain<T>(start: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<symbol, unknown>;
  const saved = g[CLIENT_CONFIG];
  try {
    return await start();
  } finally {
    if (saved !== undefined) g[CLIENT_CONFIG] = saved;
  }
}

function extraServer(env: Record<string, string>): Promise<TestServer> {
  return keepWebClientOnMain(() => startTestServer({ env }));
}

interface Recorded {
  label: string;
  text: string;
}

/** Like TestServer, plus every log line the app writes (the product's own logger, at trace level) and every response. */
interface LoggedServer {
  app: RunningApp;
  url: string;
  db: pg.Pool;
  lines: string[];
  responses: Recorded[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, opts?: GqlOptions & { label?: string }): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

async function startLoggedServer(smtpUrl: string): Promise<LoggedServer> {
  const database = await createTestDatabase();
  const config = loadConfig(
    { DATABASE_URL: database.url, SMTP_URL: smtpUrl, PUBLIC_URL, LOG_LEVEL: 'trace', HASH_CONCURRENCY: '2', RATE_LIMIT_MULTIPLIER: '1000' },
    ['--role=all'],
  );
  const lines: string[] = [];
  const log = createLogger('trace');
  // The product's logger (its redaction included), writing into memory instead of stdout. Child loggers inherit it.
  (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (s: string) => void lines.push(s) };
  const app = await keepWebClientOnMain(() =>
    startApp(config, { clock: new ManualClock(new Date('2026-04-01T00:00:00Z')), log, port: 0 }),
  );
  const db = testPool(database.url, 2);
  const responses: Recorded[] = [];
  return {
    app,
    url: app.url!,
    db,
    lines,
    responses,
    async gql(query, variables, o = {}) {
      const res = await requestGql(app.url!, query, variables, o);
      responses.push({ label: o.label ?? query.slice(0, 40), text: res.text });
      return res;
    },
    async stop() {
      await db.end();
      await app.stop();
      await database.drop();
    },
  };
}

let server: TestServer;
let logSmtp: MailCapture;
let logged: LoggedServer;

beforeAll(async () => {
  // First: the web client's ORIGIN is taken from the first server of the process.
  server = await startTestServer({ env: { PUBLIC_URL } });
  logSmtp = await MailCapture.start({ port: 0 });
  logged = await startLoggedServer(logSmtp.url);
});
afterAll(async () => {
  await logged?.stop();
  await logSmtp?.stop();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------------------------
// The web client over HTTP (what a browser without JavaScript sends)

function page(path: string, cookie?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    redirect: 'manual',
    headers: { accept: 'text/html', 'accept-language': 'ja', ...(cookie ? { cookie } : {}) },
  });
}

function formPost(path: string, fields: Record<string, string>, opts: { origin?: string; cookie?: string } = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      'accept-language': 'ja',
      origin: opts.origin ?? PUBLIC_URL,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

function setCookie(res: Response, name: string): { value: string; attrs: string[]; line: string } {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie ${name} in ${JSON.stringify(res.headers.getSetCookie())}`);
  const [pair, ...attrs] = line.split(';').map((s) => s.trim());
  return { value: pair.slice(name.length + 1), attrs: attrs.map((a) => a.toLowerCase()), line };
}

/** Logs in through the web form; returns the session cookie as the browser would send it back. */
async function webLogin(authId: string, password = PASSWORD): Promise<{ cookie: string; token: string; setCookieAttrs: string[] }> {
  const res = await formPost('/login', { authId, password });
  expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(303);
  expect(res.headers.get('location')).toBe('/menu');
  const c = setCookie(res, '__Host-session');
  return { cookie: `__Host-session=${c.value}`, token: decodeURIComponent(c.value), setCookieAttrs: c.attrs };
}

async function resetTokens(userId: string): Promise<string[]> {
  return (await outboxOfUser(server.db, userId, 'PASSWORD_RESET_LINK')).map((m) => linkToken(m.body));
}

async function requestReset(s: TestServer, user: { authId: string; email: string }) {
  const res = await s.gql(REQUEST_PASSWORD_RESET, { input: { authId: user.authId, email: user.email } });
  expect(res.data?.requestPasswordReset?.__typename, JSON.stringify(res)).toBe('PasswordResetRequested');
}

// ===============================================================================================================

describe('security.md 3: bounded hashing concurrency under 200 concurrent logins', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await extraServer({ HASH_CONCURRENCY: '2', HASH_QUEUE_LIMIT: '20', RATE_LIMIT_MULTIPLIER: '100000', LOCKOUT_THRESHOLD: '1000000' });
  });
  afterAll(async () => s?.stop());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('200 concurrent logins: never more than HASH_CONCURRENCY argon2 runs at once; the excess waits or gets RATE_LIMITED; the service goes on', async () => {
    const user = await activeUser(s);
    // Instrumentation only: the real argon2 runs; the probe counts the computations in flight.
    const probe = probeArgon2('hash', 'verify');

    // No warm-up: the unknown 認証IDs' dummy hash is made on first use, inside the burst, through the same gate.
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        s.gql(LOGIN, { input: { authId: i % 10 === 0 ? user.authId : `qq${String(i).padStart(8, '0')}`, password: WRONG } }),
      ),
    );
    let checked = 0;
    let refused = 0;
    for (const a of answers) {
      expect(a.status, JSON.stringify(a)).toBe(200);
      if (a.errors) {
        const err = expectTopLevel(a, 'RATE_LIMITED');
        expect(err.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        refused++;
      } else {
        expect(a.data.login.code, JSON.stringify(a)).toBe('WZBAM005E');
        checked++;
      }
    }
    expect(checked + refused).toBe(200);
    expect(probe.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(probe.maxInFlight).toBeLessThanOrEqual(2);
    expect(checked).toBeGreaterThanOrEqual(22); // 2 running + 20 waiting were always admitted
    expect(refused).toBeGreaterThan(0); // the queue limit was reached and answered cleanly
    expect(s.app.deps.hasher.activeCount + s.app.deps.hasher.pendingCount).toBe(0);

    // The service is unharmed: the right password logs in.
    expect((await login(s, user.authId)).__typename).toBe('LoginSuccess');
  });
});

describe('security.md 4: passwords, tokens and session ids never reach the log, error messages or responses', () => {
  it('a whole account life at trace level (worker and real SMTP included): the log and every response are free of secrets', async () => {
    const NEW_1 = 'Shinjuku4#Gyoen';
    const NEW_2 = 'Zenkoji8#Nagano';
    const BAD_CURRENT = 'Bad-current9!';
    const IN_VARIABLE = 'Hunter2$inVariable';
    const linesBefore = logged.lines.length;
    const email = uniqueEmail();

    const reg = await logged.gql(REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } }, { label: 'register' });
    expect(reg.data.register.__typename).toBe('RegistrationAccepted');
    const { rows } = await logged.db.query<{ id: string; auth_id: string }>('select id, auth_id from user_account where email = $1', [email]);
    const { id: userId, auth_id: authId } = rows[0];
    const firstLink = linkToken((await outboxOfUser(logged.db, userId, 'REGISTRATION'))[0].body);

    const set = await logged.gql(SET_PASSWORD, { input: { token: firstLink, password: PASSWORD, passwordConfirmation: PASSWORD } }, { label: 'setPassword' });
    expect(set.data.setPassword.__typename).toBe('PasswordSet');
    expect((await logged.gql(LOGIN, { input: { authId, password: WRONG } }, { label: 'login wrong' })).data.login.code).toBe('WZBAM005E');
    const first = await logged.gql(LOGIN, { input: { authId, password: PASSWORD } }, { label: 'login 1' });
    const t1 = first.data.login.token as string;
    expect((await logged.gql(ME_AUTH_ID, {}, { token: t1, label: 'me' })).data.me.authId).toBe(authId);

    const invalidVariable = await logged.gql(LOGIN, { input: { authId, password: { secret: IN_VARIABLE } } }, { label: 'invalid variable' });
    expect(invalidVariable.status).toBe(400);

    const wrongCurrent = await logged.gql(CHANGE_PASSWORD, { input: { currentPassword: BAD_CURRENT, newPassword: NEW_1, newPasswordConfirmation: NEW_1 } }, { token: t1, label: 'change wrong' });
    expect(wrongCurrent.data.changePassword.code).toBe('WZBAM154E');
    const changed = await logged.gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: NEW_1, newPasswordConfirmation: NEW_1 } }, { token: t1, label: 'change' });
    const t2 = changed.data.changePassword.token as string;
    expectTopLevel(await logged.gql(ME_AUTH_ID, {}, { token: t1, label: 'me old token' }), 'UNAUTHENTICATED');

    expect((await logged.gql(REQUEST_PASSWORD_RESET, { input: { authId, email } }, { label: 'reset request' })).data.requestPasswordReset.__typename).toBe('PasswordResetRequested');
    const resetLink = linkToken((await outboxOfUser(logged.db, userId, 'PASSWORD_RESET_LINK'))[0].body);
    const reset = await logged.gql(SET_PASSWORD, { input: { token: resetLink, password: NEW_2, passwordConfirmation: NEW_2 } }, { label: 'reset' });
    expect(reset.data.setPassword.__typename).toBe('PasswordSet');
    expect((await logged.gql(SET_PASSWORD, { input: { token: resetLink, password: NEW_2, passwordConfirmation: NEW_2 } }, { label: 'reset again' })).data.setPassword.code).toBe('LINK_INVALID');

    const third = await logged.gql(LOGIN, { input: { authId, password: NEW_2 } }, { label: 'login 3' });
    const t3 = third.data.login.token as string;
    expect((await logged.gql('mutation { logout { __typename } }', {}, { token: t3, label: 'logout' })).data.logout.__typename).toBe('LoggedOut');
    for (let i = 0; i < 5; i++) await logged.gql(LOGIN, { input: { authId, password: WRONG } }, { label: `lock ${i}` });
    expect((await logged.gql(LOGIN, { input: { authId, password: NEW_2 } }, { label: 'locked' })).data.login.code).toBe('WZBAM153E');

    // Every mail of the account went through the worker to the SMTP receiver (so the worker's logging is included).
    await waitUntil(
      () => outboxOfUser(logged.db, userId),
      (mails) => mails.length >= 6 && mails.every((m) => m.sent_at !== null),
      { what: 'every mail sent', timeoutMs: 45_000 },
    );

    const log = logged.lines.slice(linesBefore).join('');
    // The capture works: requests, security events and mail deliveries are in it.
    expect(log).toContain('"securityEvent":"LOGIN_SUCCEEDED"');
    expect(log).toContain('"securityEvent":"ACCOUNT_LOCKED"');
    expect(log).toContain('mail sent');
    const passwords = { PASSWORD, NEW_1, NEW_2, WRONG, BAD_CURRENT, IN_VARIABLE };
    const tokens = { firstLink, resetLink, t1, t2, t3 };
    for (const [name, secret] of Object.entries({ ...passwords, ...tokens })) {
      expect(log.includes(secret), `${name} in the log`).toBe(false);
      expect(log.includes(encodeURIComponent(secret)), `${name} (URL-encoded) in the log`).toBe(false);
    }

    // Responses: no password ever; an e-mailed token never; a session token only in the answer that issued it.
    for (const r of logged.responses) {
      for (const [name, secret] of Object.entries(passwords)) expect(r.text.includes(secret), `${name} in the response to ${r.label}`).toBe(false);
      for (const link of [firstLink, resetLink]) expect(r.text.includes(link), `a link token in the response to ${r.label}`).toBe(false);
    }
    for (const [name, token, issuedBy] of [['t1', t1, 'login 1'], ['t2', t2, 'change'], ['t3', t3, 'login 3']]) {
      expect(logged.responses.filter((r) => r.text.includes(token)).map((r) => r.label), name).toEqual([issuedBy]);
    }
  });
});

describe('security.md 4 (and 21): a password written into the document with the wrong type is not echoed either', () => {
  const SECRET = 'SecretPw#8x';
  it.each([
    ['a list', `mutation { login(input: { authId: "abcde12345", password: ["${SECRET}"] }) { __typename } }`, 'GRAPHQL_VALIDATION_FAILED', 'String cannot represent a non string value.'],
    ['an object', `mutation { login(input: { authId: "abcde12345", password: { a: "${SECRET}" } }) { __typename } }`, 'GRAPHQL_VALIDATION_FAILED', 'String cannot represent a non string value.'],
    ['a bare name', 'mutation { login(input: { authId: "abcde12345", password: SecretPw8x }) { __typename } }', 'GRAPHQL_VALIDATION_FAILED', 'String cannot represent a non string value.'],
    ['a list in changePassword', `mutation { changePassword(input: { currentPassword: ["${SECRET}"], newPassword: "a", newPasswordConfirmation: "a" }) { __typename } }`, 'GRAPHQL_VALIDATION_FAILED', 'String cannot represent a non string value.'],
    ['a string where a name belongs', `mutation { login(input: { authId: "abcde12345" "${SECRET}" }) { __typename } }`, 'GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found String.'],
  ])('%s', async (_label, query, code, message) => {
    const res = await requestGql(server.url, query);
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(res.errors?.[0].message).toBe(message);
    expect(res.text).not.toContain('SecretPw');
  });
});

describe('security.md 8: every sensitive mutation at most once per request', () => {
  it('two aliased setPassword fields are refused before execution: the link stays unused', async () => {
    const user = await registerUser(server);
    const field = (alias: string, pw: string) =>
      `${alias}: setPassword(input: { token: "${user.token}", password: "${pw}", passwordConfirmation: "${pw}" }) { __typename }`;
    const res = await server.gql(`mutation { ${field('a', 'Kasumi7$Seki')} ${field('b', 'Nagoya8#Kita')} }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toContain('setPassword');
    expect((await accountRow(server, user.userId)).status).toBe('PENDING_PASSWORD');
    expect(await countRows(server, 'select 1 from email_link where user_id = $1 and used_at is not null', [user.userId])).toBe(0);
    // the link still works once
    const one = await server.gql(SET_PASSWORD, { input: { token: user.token, password: PASSWORD, passwordConfirmation: PASSWORD } });
    expect(one.data.setPassword.__typename).toBe('PasswordSet');
  });

  it('two register fields (aliases, or one in a fragment) are refused before execution: no account is created', async () => {
    const inputOf = (email: string) =>
      `{ ${Object.entries({ ...VALID_REGISTRATION, email, emailConfirmation: email }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }`;
    const [e1, e2] = [uniqueEmail(), uniqueEmail()];
    const documents = [
      `mutation { a: register(input: ${inputOf(e1)}) { __typename } b: register(input: ${inputOf(e2)}) { __typename } }`,
      `mutation { a: register(input: ${inputOf(e1)}) { __typename } ...R } fragment R on Mutation { b: register(input: ${inputOf(e2)}) { __typename } }`,
    ];
    for (const query of documents) {
      const res = await server.gql(query);
      expect(res.status, query).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toContain('register');
    }
    expect(await countRows(server, 'select 1 from user_account where email = any($1)', [[e1, e2]])).toBe(0);
  });
});

describe('security.md 9: the client IP comes from a configured trusted proxy only', () => {
  let s: TestServer;
  beforeAll(async () => {
    // the real limits (multiplier 1), and no trusted proxy: every request here comes from 127.0.0.1
    s = await extraServer({ RATE_LIMIT_MULTIPLIER: '1', LOCKOUT_THRESHOLD: '1000' });
  });
  afterAll(async () => s?.stop());

  it('forged X-Forwarded-For, Forwarded, X-Real-IP and X-Portal-Client-Ip headers do not escape the per-IP failed-login limit', async () => {
    const forged = (i: number) => ({
      'x-forwarded-for': `203.0.113.${i + 1}`,
      forwarded: `for=198.51.100.${i + 1}`,
      'x-real-ip': `192.0.2.${i + 1}`,
      // the web client's internal header, with a made-up proof
      'x-portal-client-ip': `100.64.0.${i + 1}`,
      'x-portal-internal': randomBytes(32).toString('base64url'),
    });
    for (let i = 0; i < 20; i++) {
      const res = await s.gql(LOGIN, { input: { authId: `nouser${String(i).padStart(4, '0')}`, password: WRONG } }, { headers: forged(i) });
      expect(res.data?.login?.code, `attempt ${i + 1}: ${JSON.stringify(res)}`).toBe('WZBAM005E');
    }
    const limited = await s.gql(LOGIN, { input: { authId: 'nouser9999', password: WRONG } }, { headers: forged(99) });
    const err = expectTopLevel(limited, 'RATE_LIMITED');
    expect(err.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.extensions?.retryAfterSeconds).toBeLessThanOrEqual(600);

    // Every attempt was recorded, and counted, under the socket's address — in the database (shared by instances).
    const { rows: ips } = await s.db.query<{ ip: string }>("select distinct ip from auth_event where type = 'LOGIN_FAILED'");
    expect(ips).toEqual([{ ip: '127.0.0.1' }]);
    const { rows: keys } = await s.db.query<{ key: string }>("select key from rate_limit where key like 'loginFailuresPerIp%'");
    expect(keys.map((k) => k.key)).toEqual([expect.stringContaining('127.0.0.1')]);
  });
});

describe('security.md 11: session tokens — 256 bits, stored hashed, never chosen by the client (no fixation)', () => {
  it('a login that presents a token (its own live one, or one the client made up) gets a new server-made token; neither presented token works afterwards', async () => {
    const user = await activeUser(server);
    const a = await login(server, user.authId);
    const tokenA = a.token as string;
    expect(Buffer.from(tokenA, 'base64url')).toHaveLength(32);

    const madeUp = randomBytes(32).toString('base64url');
    const b = await login(server, user.authId, PASSWORD, { headers: { authorization: `Bearer ${madeUp}` } });
    expect(b.__typename).toBe('LoginSuccess');
    const c = await login(server, user.authId, PASSWORD, { token: b.token });
    expect(c.__typename).toBe('LoginSuccess');
    const tokenC = c.token as string;

    expect(new Set([tokenA, madeUp, b.token, tokenC]).size).toBe(4);
    expect(Buffer.from(tokenC, 'base64url')).toHaveLength(32);
    const { rows } = await server.db.query<{ token_hash: string }>('select token_hash from session where user_id = $1 and revoked_at is null', [user.userId]);
    expect(rows).toEqual([{ token_hash: sha256hex(tokenC) }]);
    expect(await countRows(server, 'select 1 from session where token_hash = $1', [sha256hex(madeUp)])).toBe(0);
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: madeUp }), 'UNAUTHENTICATED');
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: b.token }), 'WZBAM099E');
    expect((await server.gql(ME_AUTH_ID, {}, { token: tokenC })).data.me.authId).toBe(user.authId);
  });
});

describe('security.md 15: the web session cookie behind https', () => {
  it('__Host-session with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain; authenticated pages are no-store; logout clears it', async () => {
    const user = await activeUser(server);
    const { cookie, token, setCookieAttrs } = await webLogin(user.authId);
    expect(setCookieAttrs).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    expect(setCookieAttrs.some((a) => a.startsWith('domain='))).toBe(false);
    expect(token.length).toBeGreaterThanOrEqual(43);

    for (const path of ['/menu', '/account', '/account/edit', '/account/password']) {
      const res = await page(path, cookie);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toContain('no-store');
      expect(await res.text(), path).not.toContain(token);
    }

    const out = await formPost('/logout', {}, { cookie });
    expect(out.status).toBe(303);
    const cleared = setCookie(out, '__Host-session');
    expect(cleared.value).toBe('');
    expect(cleared.attrs).toEqual(expect.arrayContaining(['max-age=0', 'secure', 'path=/']));
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token }), 'UNAUTHENTICATED');
  });
});

describe('security.md 16: dead e-mailed links end on a clear page', () => {
  async function submitLink(token: string, password = 'Fresh8#Link'): Promise<{ status: number; html: string; location: string | null }> {
    const link = await page(`/password/set?token=${encodeURIComponent(token)}`);
    expect(link.status).toBe(303);
    const held = setCookie(link, 'password_link');
    const res = await formPost('/password/set', { password, passwordConfirmation: password }, { cookie: `password_link=${held.value}` });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  function expectClearPage(r: { status: number; html: string }) {
    expect(r.status).toBe(400);
    // the message, without the internal code (never shown on screen)
    expect(r.html).toContain(`<p class="error-line">${LINK_INVALID_JA}</p>`);
    expect(r.html.replace(/<script[\s\S]*?<\/script>/g, '')).not.toContain('LINK_INVALID');
    expect(r.html).not.toContain('Fresh8#Link');
  }

  it('a live link is accepted by the same page (the control)', async () => {
    const user = await activeUser(server);
    await requestReset(server, user);
    const r = await submitLink((await resetTokens(user.userId))[0]);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/password/set/done');
  });

  it('used', async () => {
    const user = await registerUser(server);
    expect((await server.gql(SET_PASSWORD, { input: { token: user.token, password: PASSWORD, passwordConfirmation: PASSWORD } })).data.setPassword.__typename).toBe('PasswordSet');
    expectClearPage(await submitLink(user.token));
  });

  it('expired', async () => {
    const user = await activeUser(server);
    await requestReset(server, user);
    server.clock.advance(server.config.resetLinkSeconds);
    expectClearPage(await submitLink((await resetTokens(user.userId))[0]));
  });

  it('superseded by a newer link', async () => {
    const user = await activeUser(server);
    await requestReset(server, user);
    await requestReset(server, user);
    // which mail carries which link: both were written at the same (manual) clock time, so ask the link table
    const { rows } = await server.db.query<{ token_hash: string; voided: boolean }>(
      "select token_hash, voided_at is not null as voided from email_link where user_id = $1 and purpose = 'RESET'",
      [user.userId],
    );
    expect(rows.map((r) => r.voided).sort()).toEqual([false, true]);
    const tokens = await resetTokens(user.userId);
    const older = tokens.find((t) => rows.find((r) => r.token_hash === hashToken(t))?.voided)!;
    const newer = tokens.find((t) => t !== older)!;
    expectClearPage(await submitLink(older));
    expect((await submitLink(newer)).location).toBe('/password/set/done');
  });

  it('the e-mail address changed after the link was sent', async () => {
    const user = await activeUser(server);
    await requestReset(server, user);
    const session = (await login(server, user.authId)).token as string;
    expect((await server.gql(UPDATE_EMAIL, { e: uniqueEmail() }, { token: session })).data.updateUser.__typename).toBe('UpdateUserSuccess');
    expectClearPage(await submitLink((await resetTokens(user.userId))[0]));
  });
});

describe('security.md 17: mailed links use PUBLIC_URL, never the Host header', () => {
  const PROXIED_PUBLIC_URL = 'https://ras.example.test';
  let s: TestServer;
  beforeAll(async () => {
    // Behind a trusted proxy, where Express would believe X-Forwarded-Host: the strongest temptation.
    s = await extraServer({ PUBLIC_URL: PROXIED_PUBLIC_URL, TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(async () => s?.stop());

  const EVIL = {
    host: 'evil.example',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'http',
    forwarded: 'host=evil.example;proto=http',
    origin: 'https://evil.example',
    'x-forwarded-for': '198.51.100.17',
  };

  /** A GraphQL POST whose Host header really is evil.example (fetch cannot set Host). */
  async function evilGql(query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
    const headers = { ...EVIL, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return JSON.parse((await postWithHeaders(s.url, '/graphql', JSON.stringify({ query, variables }), headers)).body);
  }

  it('registration, reset-link, e-mail-change and lock mails requested with Host: evil.example carry only PUBLIC_URL links', async () => {
    const email = uniqueEmail();
    const reg = await evilGql(REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
    expect(reg.data.register.__typename).toBe('RegistrationAccepted');
    const { rows } = await s.db.query<{ id: string; auth_id: string }>('select id, auth_id from user_account where email = $1', [email]);
    const user = { userId: rows[0].id, authId: rows[0].auth_id, email };
    const first = linkToken((await outboxOfUser(s.db, user.userId, 'REGISTRATION'))[0].body);
    expect((await evilGql(SET_PASSWORD, { input: { token: first, password: PASSWORD, passwordConfirmation: PASSWORD } })).data.setPassword.__typename).toBe('PasswordSet');

    const session = (await evilGql(LOGIN, { input: { authId: user.authId, password: PASSWORD } })).data.login.token as string;
    const newEmail = uniqueEmail();
    expect((await evilGql(UPDATE_EMAIL, { e: newEmail }, session)).data.updateUser.__typename).toBe('UpdateUserSuccess');
    expect((await evilGql(REQUEST_PASSWORD_RESET, { input: { authId: user.authId, email: newEmail } })).data.requestPasswordReset.__typename).toBe('PasswordResetRequested');
    for (let i = 0; i < 5; i++) await evilGql(LOGIN, { input: { authId: user.authId, password: WRONG } });

    const mails = await outboxOfUser(s.db, user.userId);
    expect(mails.map((m) => m.kind)).toEqual(expect.arrayContaining(['REGISTRATION', 'PASSWORD_RESET_LINK', 'ACCOUNT_LOCKED']));
    const links = mails.flatMap((m) => extractLinks(m.body));
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const m of mails) {
      expect(m.body, m.kind).not.toContain('evil.example');
      for (const url of extractLinks(m.body)) expect(new URL(url).origin, `${m.kind}: ${url}`).toBe(PROXIED_PUBLIC_URL);
    }
  });
});

describe('security.md 18: the page that carries a token sends no Referer and loads nothing from elsewhere', () => {
  it('/password/set?token=…: no-referrer on the link, then a page whose every resource is same-origin under a self-only CSP', async () => {
    const user = await registerUser(server);
    const link = await page(`/password/set?token=${encodeURIComponent(user.token)}`);
    expect(link.status).toBe(303);
    expect(link.headers.get('referrer-policy')).toBe('no-referrer');
    expect(link.headers.get('location')).toBe('/password/set');
    const held = setCookie(link, 'password_link');
    expect(held.attrs).toEqual(expect.arrayContaining(['httponly', 'secure', 'path=/password/set']));
    expect(await link.text()).not.toMatch(/https?:\/\//);

    const form = await page('/password/set', `password_link=${held.value}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).not.toContain(user.token);
    const csp = cspDirectives(form.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      for (const v of values) {
        const allowed = ["'self'", "'none'", "'unsafe-inline'"].includes(v) || /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(v) || (name === 'img-src' && v === 'data:');
        expect(allowed, `${name} ${v}`).toBe(true);
        if (v === "'unsafe-inline'") expect(name).toBe('style-src-attr'); // style attributes only, never script
      }
    }
    // what a browser loads by itself: src/srcset/poster/data on any element, href on <link> (stylesheets, preloads, icons)
    const loaded = [
      ...[...html.matchAll(/\s(?:src|srcset|poster|data)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]),
      ...[...html.matchAll(/<link\b[^>]*\shref\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]),
    ];
    const refs = loaded.flatMap((r) => r.split(',').map((part) => part.trim().split(/\s+/)[0])).filter(Boolean);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('//'), ref).toBe(false);
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) expect(ref.startsWith(`${PUBLIC_URL}/`) || ref.startsWith('data:'), ref).toBe(true);
    }
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
  });
});

describe('security.md 19: limits before execution — cost, and a statement timeout on the database', () => {
  /** `__type` (unlike `__schema`) counts for graphql-armor's cost; 10 nested ofType levels, `leaves` scalars at the bottom. */
  function costly(leaves: number): string {
    let inner = Array.from({ length: leaves }, () => 'name').join(' ');
    for (let i = 0; i < 10; i++) inner = `ofType { ${inner} }`;
    return `{ __type(name: "Query") { fields { type { ${inner} } } } }`;
  }

  it('a query over the cost limit (5000) is refused with HTTP 400; the same shape under it runs', async () => {
    const under = await server.gql(costly(20)); // cost ≈ 4470: same depth, no aliases, few tokens
    expect(under.status).toBe(200);
    expect(under.errors).toBeUndefined();
    expect(under.data.__type.fields.length).toBeGreaterThan(0);

    const over = await server.gql(costly(30)); // cost ≈ 6613
    expect(over.status).toBe(400);
    expect(over.data).toBeUndefined();
    expect(over.errors?.[0].message).toMatch(/cost/i);
  });

  it('a statement that waits on the database ends after the statement timeout (10 s) with WZBAM098E, and the service recovers', async () => {
    const user = await activeUser(server);
    const holder = await server.db.connect();
    let elapsed = 0;
    let res: GqlResponse;
    try {
      await holder.query('begin');
      await holder.query('select id from user_account where id = $1 for update', [user.userId]);
      const started = Date.now();
      res = await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } });
      elapsed = Date.now() - started;
    } finally {
      await holder.query('rollback');
      holder.release();
    }
    const err = expectTopLevel(res, 'WZBAM098E');
    expect(err.extensions?.requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(elapsed).toBeGreaterThanOrEqual(9_000);
    expect(elapsed).toBeLessThan(20_000);
    expect(JSON.stringify(res)).not.toMatch(/statement timeout|canceling|user_account|update |select /i);
    // the login that failed half-way wrote nothing: no session, no login time (security.md 29 in miniature)
    expect(await countRows(server, 'select 1 from session where user_id = $1', [user.userId])).toBe(0);
    expect((await accountRow(server, user.userId)).last_login_at).toBeNull();
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
  }, 40_000);
});

describe('security.md 20: an unexpected failure is WZBAM098E with a request id the log has, and shows no SQL or constraint name', () => {
  it('a database constraint failing inside login', async () => {
    const CONSTRAINT = 'ras_fault_probe_no_failed_login';
    await logged.db.query(`alter table auth_event add constraint ${CONSTRAINT} check (type <> 'LOGIN_FAILED') not valid`);
    let res: GqlResponse;
    try {
      res = await logged.gql(LOGIN, { input: { authId: 'zzzzz00042', password: WRONG } }, { lang: 'en', label: 'fault' });
    } finally {
      await logged.db.query(`alter table auth_event drop constraint ${CONSTRAINT}`);
    }
    const err = expectTopLevel(res, 'WZBAM098E');
    const requestId = err.extensions?.requestId as string;
    expect(requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    expect(err.message).toBe('A system error occurred. Please contact the help desk.');
    const text = JSON.stringify(res.errors) + JSON.stringify(res.data ?? null);
    for (const leak of [CONSTRAINT, 'auth_event', 'insert', 'violates', 'check constraint', 'stacktrace', WRONG]) {
      expect(text.toLowerCase(), leak).not.toContain(leak.toLowerCase());
    }
    expect(text).not.toMatch(/\.(ts|js):\d+|\n\s+at /);

    // The log line with this request id has what the answer hides.
    const line = logged.lines.map((l) => JSON.parse(l) as Record<string, any>).find((l) => l.requestId === requestId && l.level >= 50);
    expect(line, 'an error line with the request id').toBeDefined();
    expect(JSON.stringify(line)).toContain(CONSTRAINT);
    expect(JSON.stringify(line)).not.toContain(WRONG);

    // and the service goes on
    expect((await logged.gql(LOGIN, { input: { authId: 'zzzzz00042', password: WRONG } })).data.login.code).toBe('WZBAM005E');
  });

  it('the database failing during the session check (the permission rules): WZBAM098E and a log line, not FORBIDDEN', async () => {
    const asServer = logged as unknown as TestServer;
    const user = await activeUser(asServer);
    const token = await loginToken(asServer, user.authId);
    const operations: [string, string][] = [
      ['me', ME_AUTH_ID],
      ['updateUser', 'mutation { updateUser(input: { phone: "0311112222" }) { __typename } }'],
      ['logout', 'mutation { logout { __typename } }'],
    ];
    const answers: GqlResponse[] = [];
    await logged.db.query('alter table session rename to session_fault_probe');
    try {
      for (const [label, query] of operations) answers.push(await logged.gql(query, {}, { token, lang: 'en', label }));
    } finally {
      await logged.db.query('alter table session_fault_probe rename to session');
    }
    const lines = logged.lines.map((l) => JSON.parse(l) as Record<string, any>);
    for (const [i, res] of answers.entries()) {
      const err = expectTopLevel(res, 'WZBAM098E');
      expect(err.message, operations[i][0]).toBe('A system error occurred. Please contact the help desk.');
      expect(JSON.stringify(res.errors)).not.toContain('session_fault_probe');
      const line = lines.find((l) => l.requestId === err.extensions?.requestId && l.level >= 50);
      expect(line, `an error line for ${operations[i][0]}`).toBeDefined();
      expect(line!.err.message).toBe('relation "session" does not exist');
    }
    // nothing was changed, and with the table back the session works
    const { rows } = await logged.db.query('select phone from user_account where id = $1', [user.userId]);
    expect(rows[0].phone).toBe(VALID_REGISTRATION.phone);
    expect((await logged.gql(ME_AUTH_ID, {}, { token })).data.me.authId).toBe(user.authId);
  });
});

describe('security.md 24: CSRF — the API takes no cookies, every form action checks the Origin', () => {
  it('a session cookie sent to /graphql authenticates nothing (only the Authorization header does)', async () => {
    const user = await activeUser(server);
    const token = (await login(server, user.authId)).token as string;
    const withCookie = await server.gql(ME_AUTH_ID, {}, { headers: { cookie: `__Host-session=${token}; session=${token}` } });
    expect(withCookie.errors).toBeUndefined();
    expect(withCookie.data).toEqual({ me: null });
    expect((await server.gql(ME_AUTH_ID, {}, { token })).data.me.authId).toBe(user.authId);
  });

  it('cross-site POSTs to every form action and endpoint are refused (403) and change nothing; the same POST from the portal works', async () => {
    const user = await activeUser(server);
    const { cookie, token } = await webLogin(user.authId);
    const hashBefore = (await accountRow(server, user.userId)).password_hash;
    const attempts: [string, Record<string, string>][] = [
      ['/login', { authId: user.authId, password: PASSWORD }],
      ['/register', { name: 'EVIL' }],
      ['/password/forgot', { authId: user.authId, email: user.email }],
      ['/password/set', { password: 'Evil9#Pass', passwordConfirmation: 'Evil9#Pass' }],
      ['/account/edit', { phone: '0399999999' }],
      ['/account/password', { currentPassword: PASSWORD, newPassword: 'Evil9#Pass', newPasswordConfirmation: 'Evil9#Pass' }],
      ['/logout', {}],
      ['/session/keepalive', {}],
    ];
    for (const [path, fields] of attempts) {
      for (const origin of ['https://evil.example', 'null', 'http://portal.test']) {
        const res = await formPost(path, fields, { origin, cookie });
        expect(res.status, `${path} from ${origin}`).toBe(403);
        expect(res.headers.getSetCookie(), path).toEqual([]);
      }
    }
    // nothing happened: the session lives, the password and the phone are unchanged
    expect((await server.gql(ME_AUTH_ID, {}, { token })).data.me.authId).toBe(user.authId);
    expect((await accountRow(server, user.userId)).password_hash).toBe(hashBefore);
    const { rows } = await server.db.query('select phone from user_account where id = $1', [user.userId]);
    expect(rows[0].phone).toBe(VALID_REGISTRATION.phone);

    // the control: the portal's own origin may log out, and the token dies
    const out = await formPost('/logout', {}, { cookie });
    expect(out.status).toBe(303);
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token }), 'UNAUTHENTICATED');
  });
});

describe('security.md 25: security headers on pages behind TLS', () => {
  it('HSTS, a CSP whose inline scripts are all hashed, frame-ancestors none, nosniff and a Referrer-Policy on every page', async () => {
    const user = await activeUser(server);
    const { cookie } = await webLogin(user.authId);
    const pages: [string, string?][] = [['/'], ['/login'], ['/register'], ['/terms'], ['/password/forgot'], ['/password/set'], ['/menu', cookie], ['/account', cookie]];
    let inlineScripts = 0;
    for (const [path, c] of pages) {
      const res = await page(path, c);
      expect(res.status, path).toBe(200);
      const hsts = res.headers.get('strict-transport-security') ?? '';
      expect(hsts, `HSTS on ${path}`).toMatch(/max-age=\d+/);
      expect(Number(/max-age=(\d+)/.exec(hsts)![1]), path).toBeGreaterThanOrEqual(31_536_000);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], path).toContain(res.headers.get('referrer-policy'));
      const csp = cspDirectives(res.headers.get('content-security-policy') ?? '');
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      const scriptSrc = csp.get('script-src') ?? csp.get('default-src') ?? [];
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      const styleSrc = csp.get('style-src') ?? csp.get('default-src') ?? [];
      expect(styleSrc, path).not.toContain("'unsafe-inline'");
      // every inline <script> / <style> element is allowed by its hash, and by nothing broader
      const html = await res.text();
      for (const m of html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
        inlineScripts++;
        const hash = `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`;
        expect(scriptSrc, `inline script on ${path}`).toContain(hash);
      }
      for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
        const hash = `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`;
        expect(styleSrc, `inline style on ${path}`).toContain(hash);
      }
    }
    expect(inlineScripts).toBeGreaterThan(0); // SvelteKit's start-up script: the hash check above really ran
  });
});

describe('security.md 27: hostile values in the query arguments too (municipalities search)', () => {
  const PAYLOADS: Record<string, string> = {
    'SQL injection': "13' OR '1'='1'; DROP TABLE user_account; --",
    'NUL byte': '13\u00000001',
    '10,000 characters': 'あ'.repeat(10_000),
    'emoji and surrogate pairs': '😀𠮷👨‍👩‍👧',
    'lone surrogate': 'ち\ud800よ',
    'regular-expression metacharacters': '.*(+[?{\\',
  };

  it('the GraphQL query answers a clean list, never an error', async () => {
    for (const [label, payload] of Object.entries(PAYLOADS)) {
      for (const variables of [{ p: payload, s: null }, { p: '130001', s: payload }, { p: payload, s: payload }]) {
        const res = await server.gql('query($p: String!, $s: String) { municipalities(prefectureCode: $p, search: $s) { code } }', variables);
        expect(res.status, label).toBe(200);
        expect(res.errors, label).toBeUndefined();
        expect(Array.isArray(res.data.municipalities), label).toBe(true);
      }
    }
    // the control: a real search finds something
    const ok = await server.gql('{ municipalities(prefectureCode: "130001", search: "ちよだ") { code } }');
    expect(ok.data.municipalities).toEqual([{ code: '131016' }]);
  });

  it("the web client's /api/municipalities endpoint answers 200 with a list (or 431 for a URL over Node's 16 KiB limit), never a 5xx", async () => {
    // As they arrive in a URL: a lone surrogate as the bytes a client can send (WTF-8 / CESU-8), and a broken escape.
    const encoded: Record<string, string> = {
      ...Object.fromEntries(Object.entries(PAYLOADS).filter(([l]) => l !== 'lone surrogate').map(([l, p]) => [l, encodeURIComponent(p)])),
      'lone surrogate': '%E3%81%A1%ED%A0%80%E3%82%88',
      'broken percent-escape': '%E0%A4%A',
    };
    for (const [label, value] of Object.entries(encoded)) {
      for (const query of [`prefectureCode=${value}`, `prefectureCode=130001&search=${value}`]) {
        const res = await fetch(`${server.url}/api/municipalities?${query}`);
        if (query.length > 16 * 1024) {
          // Node's HTTP parser refuses the request line itself: a clean 4xx before any code runs
          expect(res.status, label).toBe(431);
          continue;
        }
        expect(res.status, label).toBe(200);
        expect(Array.isArray(((await res.json()) as { municipalities: unknown[] }).municipalities), label).toBe(true);
      }
    }
    // 10,000 ASCII characters fit into a URL: answered normally
    const long = await fetch(`${server.url}/api/municipalities?prefectureCode=130001&search=${'A'.repeat(10_000)}`);
    expect(long.status).toBe(200);
    expect(((await long.json()) as { municipalities: unknown[] }).municipalities).toEqual([]);
  });
});

describe('security.md 31: graceful shutdown', () => {
  let db: { url: string; drop: () => Promise<void> };
  let smtp: MailCapture;
  let proc: ServerProcess;
  let pool: pg.Pool;
  beforeAll(async () => {
    smtp = await MailCapture.start({ port: 0 });
    db = await createTestDatabase();
    proc = await startServerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, RATE_LIMIT_MULTIPLIER: '1000' });
    pool = testPool(db.url, 3);
  }, 120_000);
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    await pool?.end();
    await smtp?.stop();
    await db?.drop();
  });

  it('SIGTERM: a request in flight is answered, the worker stops with no job left locked, the process exits 0', async () => {
    const email = uniqueEmail();
    const reg = await gqlAt(proc.url, REGISTER, { input: { ...VALID_REGISTRATION, email, emailConfirmation: email } });
    expect(reg.data.register.__typename).toBe('RegistrationAccepted');
    const mail = await smtp.waitFor((m) => m.to.includes(email) && /認証ID/.test(m.text), 30_000);
    const authId = extractAuthId(mail.text)!;
    const token = new URL(extractLinks(mail.text).find((l) => l.includes('/password/set?token='))!).searchParams.get('token');
    expect((await gqlAt(proc.url, SET_PASSWORD, { input: { token, password: PASSWORD, passwordConfirmation: PASSWORD } })).data.setPassword.__typename).toBe('PasswordSet');

    // A login held in flight: the account row is locked by this test until after the signal.
    const holder = await pool.connect();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await holder.query('rollback');
      holder.release();
    };
    try {
      await holder.query('begin');
      await holder.query('select id from user_account where auth_id = $1 for update', [authId]);
      const inFlight = gqlAt(proc.url, LOGIN, { input: { authId, password: PASSWORD } });
      await waitUntil(
        async () => (await pool.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")).rows[0].n,
        (n) => n >= 1,
        { what: 'the login waiting on the row lock', timeoutMs: 20_000 },
      );
      // and mail work for the worker: a registration whose mail is queued right before the signal
      const other = uniqueEmail();
      expect((await gqlAt(proc.url, REGISTER, { input: { ...VALID_REGISTRATION, email: other, emailConfirmation: other } })).data.register.__typename).toBe('RegistrationAccepted');

      const exited = proc.stop('SIGTERM', 30_000);
      await sleep(1_500);
      expect(proc.child.exitCode, 'the process waits for the request in flight').toBeNull();
      await release();

      const answer = await inFlight;
      expect(answer.data?.login?.__typename, JSON.stringify(answer)).toBe('LoginSuccess');
      expect(await exited, proc.output()).toBe(0);
    } finally {
      await release();
    }

    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from graphile_worker._private_jobs where locked_by is not null');
    expect(rows[0].n, 'jobs still locked by the stopped worker').toBe(0);
    const errorLines = proc
      .output()
      .split('\n')
      .filter((l) => /^\{.*"level":(50|60)/.test(l));
    expect(errorLines).toEqual([]);
  }, 90_000);
});
