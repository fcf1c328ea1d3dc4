import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { listeningAddresses } from '../../support/server-process.js';

/** The HTTP edge: limits, CSRF prevention, masking, health (security.md 19, 20, 24). */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('request limits', () => {
  it('answers 413 for a body over 100 KB, without a stack trace', async () => {
    const big = JSON.stringify({ query: `query { prefectures { code } } # ${'x'.repeat(101 * 1024)}` });
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('accepts a body just under the limit', async () => {
    const ok = JSON.stringify({ query: `query { passwordPolicy { minLength } } # ${'x'.repeat(90 * 1024)}` });
    const res = await post(ok);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).data.passwordPolicy.minLength).toBe(8);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/SyntaxError|at JSON\.parse/);
  });
});

describe('CSRF prevention (the API takes no cookies, and Apollo refuses simple requests)', () => {
  it('refuses a GET query without a preflight-forcing header', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ prefectures { code } }')}`);
    expect(res.status).toBe(400);
  });

  it('refuses a form-encoded POST (what a cross-site form could send)', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation%7Blogout%7B__typename%7D%7D',
    });
    expect(res.status).toBe(400);
  });

  it('sets no cookie', async () => {
    const res = await server.gql('{ prefectures { code } }');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('error masking', () => {
  it('gives no field suggestions in validation errors', async () => {
    const res = await server.gql('{ prefecture { code } }');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('never echoes an invalid variable value (it may be a password)', async () => {
    const res = await server.gql('mutation($i: LoginInput!) { login(input: $i) { __typename } }', {
      i: { authId: 'abcde12345', password: { secret: 'Hunter2$secret' } },
    });
    expect(JSON.stringify(res.errors)).not.toContain('Hunter2$secret');
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toBe('Variable "$i" got an invalid value at "i.password".');
  });

  it('never echoes a value that contains "; " (the message is rebuilt, not trimmed)', async () => {
    const res = await server.gql('mutation($i: RegisterInput!) { register(input: $i) { __typename } }', {
      i: { termsAccepted: "x'; DROP TABLE user_account; --Hunter2$secret" },
    });
    expect(JSON.stringify(res.errors)).not.toContain('Hunter2$secret');
    expect(JSON.stringify(res.errors)).not.toContain('DROP TABLE');
  });

  it('every response carries a request id', async () => {
    const res = await server.gql('{ prefectures { code } }');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('health', () => {
  it('/healthz says the process is up and /readyz that the database is reachable and migrated', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('listen address (issue 17)', () => {
  it('with no HOST, HTTP listens on loopback only', async () => {
    const { address, port } = server.app.listening!;
    expect(address).toBe('127.0.0.1');
    // what the machine's socket table says, not only what the server believes
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
  });

  it('HOST=::1 (or a localhost that resolves to it): the pages still reach the API in the same process', async () => {
    const v6 = await startTestServer({ env: { HOST: '::1' } });
    try {
      expect(v6.app.listening!.address).toBe('::1');
      expect(listeningAddresses(v6.app.listening!.port)).toEqual(['::1']);
      expect(v6.url).toBe(`http://[::1]:${v6.app.listening!.port}`);
      // the top page lists the notices it reads through GraphQL
      const res = await fetch(`${v6.url}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/<li>\[\d{4}\/\d{2}\/\d{2}\]/);
    } finally {
      await v6.stop();
    }
  });
});

describe('GET /graphql in a browser (issue 17)', () => {
  const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  it('serves no Apollo landing page: nothing from outside CDNs, a JSON 4xx', async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(text).not.toMatch(/<html|<script|apollographql\.com|googleapis/i);
  });

  it('GRAPHQL_SANDBOX=true in development turns the sandbox on (what the variable exists for)', async () => {
    const sandbox = await startTestServer({ env: { GRAPHQL_SANDBOX: 'true' } });
    try {
      const res = await fetch(`${sandbox.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('embeddable-sandbox.cdn.apollographql.com');
    } finally {
      await sandbox.stop();
    }
  });
});

describe('keep-alive behind a balancer', () => {
  it('keeps idle connections longer than a balancer keeps its own (Node’s 5 s lost requests behind HAProxy)', async () => {
    const { default: http } = await import('node:http');
    const agent = new http.Agent({ keepAlive: true });
    const header = await new Promise<string | undefined>((resolve, reject) => {
      http
        .get(`${server.url}/healthz`, { agent }, (res) => {
          res.resume();
          resolve(res.headers['keep-alive'] as string | undefined);
        })
        .on('error', reject);
    });
    agent.destroy();
    // Node announces its keep-alive timeout (in seconds) on every keep-alive answer
    expect(header).toBe('timeout=65');
  });
});
