import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { PASSWORD, activeUser } from '../support/fixtures.js';

/**
 * security.md 24, 25 and 15 at the web client (the test server serves the built client on the same port):
 * cross-origin form posts are refused, pages carry the security headers, the session cookie is HttpOnly.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: 'http://portal.test' } });
});
afterAll(async () => server?.stop());

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

it('refuses a cross-origin form post to the login action (CSRF)', async () => {
  const user = await activeUser(server);
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', accept: 'text/html' },
    body: form({ authId: user.authId, password: PASSWORD }),
  });
  expect(res.status).toBe(403);
  expect(res.headers.get('set-cookie')).toBeNull();
});

it('accepts the same post from its own origin and sets an HttpOnly, SameSite session cookie', async () => {
  const user = await activeUser(server);
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    // what a browser's plain form submission sends (without JavaScript)
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://portal.test', accept: 'text/html' },
    body: form({ authId: user.authId, password: PASSWORD }),
  });
  expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(303);
  expect(res.headers.get('location')).toBe('/menu');
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^session=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).toMatch(/Path=\//);
  expect(cookie).not.toMatch(/Domain=/i);
});

it('sends the security headers on pages', async () => {
  const res = await fetch(`${server.url}/login`);
  expect(res.status).toBe(200);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  expect(await res.text()).toMatch(/<html lang="(ja|en)"/);
});

it('answers the e-mailed link with no-referrer and no-store, and moves the token out of the URL', async () => {
  const res = await fetch(`${server.url}/password/set?token=abc123`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/password/set');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cache-control')).toContain('no-store');
  expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
});

it('a logged-out token stays useless when replayed (security.md 14)', async () => {
  const user = await activeUser(server);
  const login = await server.gql('mutation($i: LoginInput!) { login(input: $i) { ... on LoginSuccess { token } } }', { i: { authId: user.authId, password: PASSWORD } });
  const token = login.data.login.token as string;
  await server.gql('mutation { logout { __typename } }', {}, { token });
  for (let i = 0; i < 3; i++) {
    const me = await server.gql('{ me { authId } }', {}, { token });
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
});
