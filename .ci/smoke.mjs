#!/usr/bin/env node
// Start-up smoke test on whichever Node.js runs this script (.ci/run runs it on Node 22; the suite runs on Node 24):
// `npm start` with nothing configured but a fresh data directory and free ports (embedded PostgreSQL, development
// mailbox), then /readyz, one register → mail → setPassword → login → me round trip through the GraphQL API, and a
// clean stop on SIGINT. Plain JavaScript on purpose: it checks the product as a newcomer starts it, not the test setup.
// Writes test-results/smoke-junit.xml so .ci/run counts its steps with the suite's.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function step(name, fn) {
  const started = Date.now();
  try {
    const value = await fn();
    results.push({ name, ms: Date.now() - started });
    console.log(`  ok   ${name}`);
    return value;
  } catch (err) {
    results.push({ name, ms: Date.now() - started, error: String(err?.stack ?? err) });
    console.log(`  FAIL ${name}: ${err?.message ?? err}`);
    throw err;
  }
}

async function gql(base, query, variables, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function until(what, fn, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ras-smoke-'));
chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres` and must reach its directory
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), DATA_DIR: dataDir };
for (const name of ['DATABASE_URL', 'SMTP_URL', 'NODE_ENV', 'CI', 'HOST']) delete env[name];

console.log(`smoke test on Node ${process.version}: npm start on port ${port}`);
const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

let ok = true;
try {
  await step('npm start answers /readyz', () =>
    until('/readyz', async () => (await fetch(`${base}/readyz`)).ok, 240),
  );
  const email = `smoke-${Date.now()}@example.jp`;
  await step('register', async () => {
    const data = await gql(base, `mutation R($input: RegisterInput!) { register(input: $input) { __typename } }`, {
      input: {
        name: 'SMOKE TEST', sex: 'FEMALE', birthYear: '1990', birthMonth: '4', birthDay: '1', residenceCode: '131016',
        residenceAddress: '霞が関１－１－１', phone: '0312345678', email, emailConfirmation: email,
        userClass: 'COUNTER_COE_RECIPIENT', termsAccepted: true,
      },
    });
    if (data.register.__typename !== 'RegistrationAccepted') throw new Error(JSON.stringify(data));
  });
  const mail = await step('the mail reaches the development mailbox', () =>
    until('the registration mail', async () => {
      const mails = await (await fetch(`${base}/dev/mailbox/messages.json`)).json();
      return mails.find((m) => m.to.includes(email));
    }, 60),
  );
  const authId = /(?<![A-Za-z0-9@.])[a-z]{5}[0-9]{5}(?![A-Za-z0-9@])/.exec(mail.text.replace(/https?:\/\/\S+/g, ''))?.[0];
  const token = new URL(/https?:\/\/\S+token=\S+/.exec(mail.text)[0]).searchParams.get('token');
  const password = 'Smoke9#Lantern';
  await step('setPassword with the mailed link', async () => {
    const data = await gql(base, `mutation S($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }`, {
      input: { token, password, passwordConfirmation: password },
    });
    if (data.setPassword.__typename !== 'PasswordSet') throw new Error(JSON.stringify(data));
  });
  const session = await step('login with the mailed 認証ID', async () => {
    const data = await gql(base, `mutation L($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }`, {
      input: { authId, password },
    });
    if (data.login.__typename !== 'LoginSuccess') throw new Error(JSON.stringify(data));
    return data.login.token;
  });
  await step('me', async () => {
    const data = await gql(base, `{ me { authId name } }`, {}, session);
    if (data.me?.authId !== authId || data.me.name !== 'SMOKE TEST') throw new Error(JSON.stringify(data));
  });
  await step('Ctrl-C (SIGINT to the process group) stops the server and its database cleanly', async () => {
    process.kill(-child.pid, 'SIGINT');
    // npm itself dies of the signal; what matters is the server: it logs "stopped" right before exit(0).
    await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('still running after 30 s')), 30_000))]);
    await until('the process group to end', async () => {
      try {
        process.kill(-child.pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 30);
    if (!/"msg":"stopped"/.test(output)) throw new Error('the server did not log "stopped"');
    if (/"level":(50|60)/.test(output)) throw new Error('an error was logged');
    const dbUp = await new Promise((resolve) => {
      const s = net.connect(Number(env.EMBEDDED_PG_PORT), '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (dbUp) throw new Error('the embedded PostgreSQL is still listening');
  });
} catch {
  ok = false;
  console.log(output.split('\n').slice(-40).join('\n'));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const esc = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
const failures = results.filter((r) => r.error).length;
mkdirSync(path.join(root, 'test-results'), { recursive: true });
writeFileSync(
  path.join(root, 'test-results', 'smoke-junit.xml'),
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="smoke ${process.version}" tests="${results.length}" failures="${failures}" errors="0">\n` +
    `<testsuite name="start-up smoke on Node ${process.version}" tests="${results.length}" failures="${failures}">\n` +
    results
      .map((r) => `<testcase name="${esc(r.name)}" time="${r.ms / 1000}">${r.error ? `<failure message="${esc(r.error.split('\n')[0])}">${esc(r.error)}</failure>` : ''}</testcase>`)
      .join('\n') +
    '\n</testsuite>\n</testsuites>\n',
);
process.exit(ok ? 0 : 1);
