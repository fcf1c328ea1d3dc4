/**
 * The product as the benches run it: a database (DATABASE_URL — a scratch database the bench may fill — else an
 * embedded PostgreSQL in a temporary directory), an SMTP receiver for its mail, and the server started as `npm start`
 * starts it, with NODE_ENV=production (no development mailbox), the production log level (info: an access line per
 * request and the security events, to /dev/null here) and rate limits raised out of the way; plus users who registered
 * through the real flow and can log in.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../server/src/db/embedded.js';
import { MailCapture } from '../server/src/modules/mail/mail-capture.js';
import { freePort, SERVER_NODE_ARGS } from '../test/support/server-process.js';
import { load, startNode, stop, type Figures, type LoadOptions } from './support.js';

// not the on-screen example Kasumi7$Seki: the server refuses that one
export const PASSWORD = 'Hibiya4#Kouen';

export async function gql(url: string, query: string, variables?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** The benches' `me`: the fields a partner's client asks for. */
export const ME_BODY = JSON.stringify({ query: '{ me { authId name email } }' });

type ShapeOptions = Omit<LoadOptions, 'url' | 'method' | 'headers' | 'body' | 'connectionHeaders'>;

/** `me` over POST `url`/graphql, each connection with a session of its own (`tokens`, cycled over the connections). */
export function loadMe(url: string, tokens: string[], opts: ShapeOptions = {}): Promise<Figures> {
  return load({ url: `${url}/graphql`, headers: JSON_HEADERS, body: ME_BODY, connectionHeaders: tokens.map((t) => ({ authorization: `Bearer ${t}` })), ...opts });
}

/** The logged-in menu page, GET `url`/menu, each connection with a session cookie of its own. */
export function loadMenu(url: string, tokens: string[], opts: ShapeOptions = {}): Promise<Figures> {
  return load({ url: `${url}/menu`, method: 'GET', connectionHeaders: tokens.map((t) => ({ cookie: `session=${t}` })), ...opts });
}

/** `count` users registered through the real flow (users `from` … `from + count − 1`), their 認証IDs in order. */
export async function newUsers(product: Pick<BenchProduct, 'newUser'>, count: number, from = 0): Promise<string[]> {
  const authIds: string[] = [];
  for (let i = 0; i < count; i++) authIds.push(await product.newUser(from + i));
  return authIds;
}

/** Users the login load logs in as, one per connection. */
export const LOGIN_USERS = 16;

/**
 * The login load: one connection per user, each logging in as its user again and again — logins of many people at
 * once, not one account hammered (which serialises on the account's row lock and is what the per-account limits are
 * for).
 */
export function loadLogins(appUrl: string, authIds: string[], seconds: number, rate?: number, extra?: Pick<LoadOptions, 'verifyBody' | 'observe'>): Promise<Figures> {
  const bodies = authIds.map((authId) =>
    JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { __typename } }', variables: { i: { authId, password: PASSWORD } } }),
  );
  return load({ url: `${appUrl}/graphql`, headers: JSON_HEADERS, bodies, connections: authIds.length, seconds, rate, ...extra });
}

export interface BenchProduct {
  appUrl: string;
  databaseUrl: string;
  app: ChildProcess;
  /** the product's COE signing key (PKCS#8 PEM), for a bench that signs codes as the product does */
  coeSigningKey: string;
  /** the SMTP receiver the product sends its mail to (keeps the last 500; `onMail` sees every one) */
  mailbox: MailCapture;
  /** registers user `n`, sets the password from the e-mailed link and returns the 認証ID from the mail */
  newUser(n: number): Promise<string>;
  /** logs in and returns the session token */
  login(authId: string): Promise<string>;
  close(): Promise<void>;
}

/** `nodeArgs` go before the server's own (e.g. a --require for a profiling run); `env` adds to the server's. */
export async function startProduct(opts: { nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<BenchProduct> {
  // as `npm start`'s prestart: without client/build every page answers 404 (a fresh worktree has none)
  execFileSync(process.execPath, ['client/build-if-stale.mjs'], { stdio: 'inherit' });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ras-bench-'));
  await chmod(tmp, 0o755); // as root, the embedded PostgreSQL runs as `postgres` and must reach its directory
  let databaseUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: tmp, port: await freePort(), database: 'bench' });
    databaseUrl = embedded.url;
  }
  const mailbox = await MailCapture.start();
  const appUrl = `http://127.0.0.1:${await freePort()}`;
  const coeSigningKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const app = await startNode([...(opts.nodeArgs ?? []), ...SERVER_NODE_ARGS], {
    PORT: new URL(appUrl).port, DATABASE_URL: databaseUrl, SMTP_URL: mailbox.url, PUBLIC_URL: appUrl, LOG_LEVEL: 'info',
    RATE_LIMIT_MULTIPLIER: '1000000', NODE_ENV: 'production', MAIL_FROM: 'no-reply@bench.example',
    // production requires the COE signing key (docs/operations.md "COE signing keys"): a throw-away one
    COE_SIGNING_KEY: coeSigningKey,
    ...opts.env,
  }, `${appUrl}/readyz`);

  return {
    appUrl,
    databaseUrl,
    app,
    coeSigningKey,
    mailbox,
    async newUser(n) {
      const email = `bench${Date.now()}.${n}@example.jp`;
      const input = {
        name: 'BENCH USER', sex: 'FEMALE', birthYear: '1990', birthMonth: '1', birthDay: '1', residenceCode: '131016',
        residenceAddress: '霞が関１－１－１', phone: '0312345678', email, emailConfirmation: email,
        userClass: 'FOREIGN_NATIONAL', termsAccepted: true,
      };
      await gql(appUrl, 'mutation($i: RegisterInput!) { register(input: $i) { __typename } }', { i: input });
      const { text } = await mailbox.waitFor((m) => m.to.includes(email));
      const token = /token=([\w-]+)/.exec(text)![1];
      const authId = /認証ID：(\w+)/.exec(text)![1];
      await gql(appUrl, 'mutation($i: SetPasswordInput!) { setPassword(input: $i) { __typename } }', {
        i: { token, password: PASSWORD, passwordConfirmation: PASSWORD },
      });
      return authId;
    },
    async login(authId) {
      const res = await gql(appUrl, 'mutation($i: LoginInput!) { login(input: $i) { ... on LoginSuccess { token } } }', { i: { authId, password: PASSWORD } });
      return res.data.login.token;
    },
    async close() {
      await stop(app);
      await mailbox.stop();
      await embedded?.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
