import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { PASSWORD, activeUser } from '../support/fixtures.js';
import { rawGet } from '../support/server-process.js';

/**
 * security.md 24, 25 and 15 at the web client (the test server serves the built client on the same port):
 * cross-origin form posts are refused, pages carry the security headers, the session cookie is HttpOnly, and no
 * redirect leaves the site (issue 17).
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

/**
 * Request targets a browser would send (or an attacker's link could make it send) that the language and furigana
 * links answer with a redirect: slashes, backslashes (raw and encoded), tabs, dot segments, encoded line breaks,
 * schemes and the absolute form. Written into the request line as they are.
 */
const HOSTILE_PATHS = [
  '//evil.example/',
  '//evil.example',
  '///evil.example/',
  '/\\evil.example',
  '/\\evil.example/',
  '/\\\\evil.example/',
  '/\\/evil.example',
  '//\\evil.example',
  '/%2F%2Fevil.example/',
  '/%2f/evil.example',
  '//%2fevil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%5c/evil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  '/%0d%0aLocation:%20http://evil.example/',
  '/%0aSet-Cookie:%20x=1',
  '/.//evil.example/',
  '/x/..//evil.example/',
  '/login/..//evil.example/',
  '/%2e%2e//evil.example/',
  '/%2e/%2fevil.example',
  '//evil.example/%2F..',
  '//evil.example\\@portal.test/',
  '//evil.example%2F@portal.test/',
  'https:evil.example',
  'http://evil.example/',
  'https://evil.example//evil.example/',
  '/https://evil.example/',
  '/javascript:alert(1)',
];

describe('no redirect leaves the site (issue 17)', () => {
  it.each(HOSTILE_PATHS.flatMap((path) => ['?lang=en', '?furigana=on', '?lang=ja&furigana=off&x=1'].map((q) => path + q)))(
    'GET %j',
    async (target) => {
      const res = await rawGet(server.url, target);
      // 400 for what the HTTP parser refuses, 404 for what no page answers, a redirect for the language links
      expect(res.status, JSON.stringify(res.headers)).toBeLessThan(500);
      const location = res.headers.location;
      if (location === undefined) return;
      // a path that a browser cannot read as another host (or an absolute URL on the public origin)
      if (!location.startsWith('http://portal.test/')) expect(location).toMatch(/^\/(?![/\\])/);
      expect(location).not.toMatch(/[\u0000-\u0020\u007f-\uffff]/);
      // where a browser goes: the location resolved against the page the link named, on the public origin
      expect(new URL(location, 'http://portal.test/a/b').origin).toBe('http://portal.test');
    },
  );

  it('still answers the language and furigana links with a redirect to the same page, without the parameter', async () => {
    const cases: [string, string][] = [
      ['/login?lang=en', '/login'],
      ['/register?furigana=on&x=1', '/register?x=1'],
      // the two paths of the audit: the browser stays on the site (on a path nobody serves: the not-found page)
      ['//evil.example/?lang=en', '/evil.example/'],
      ['/\\evil.example?furigana=on', '/evil.example'],
    ];
    for (const [target, expected] of cases) {
      const res = await rawGet(server.url, target);
      expect(res.status, target).toBe(303);
      expect(res.headers.location, target).toBe(expected);
      expect(res.headers['set-cookie'], target).toMatch(/^(lang|furigana)=/);
    }
  });
});
