import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, LOGIN, PASSWORD } from '../../support/fixtures.js';
import { accountRow, countRows, expectTopLevel, login } from '../../support/auth-helpers.js';

/** security.md 8 (one sensitive mutation per request, no batching) and 9 (per-IP failed-login limit), rules.md §7. */

const WRONG = 'Wrong-pass1!';

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('one request, one attempt', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  const rateLimitPoints = async () => {
    const { rows } = await server.db.query<{ n: string | null }>("select sum(points) as n from rate_limit where key like 'loginFailuresPerIp%'");
    return Number(rows[0].n ?? 0);
  };

  const nothingCounted = async (userId: string) => {
    expect((await accountRow(server, userId)).failed_login_count).toBe(0);
    expect(await countRows(server, "select 1 from auth_event where type in ('LOGIN_FAILED', 'ACCOUNT_LOCKED')", [])).toBe(0);
    expect(await countRows(server, "select 1 from rate_limit where key like 'loginFailuresPerIp%'", [])).toBe(0);
  };

  it('a document with two aliased login fields is refused before execution (HTTP 400, nothing counted)', async () => {
    const user = await activeUser(server);
    const input = `{ authId: "${user.authId}", password: "${WRONG}" }`;
    const documents = [
      `mutation { a: login(input: ${input}) { __typename } b: login(input: ${input}) { __typename } }`,
      `mutation { ${Array.from({ length: 10 }, (_, i) => `a${i}: login(input: ${input}) { __typename }`).join(' ')} }`,
      `mutation { a: login(input: ${input}) { __typename } ... on Mutation { b: login(input: ${input}) { __typename } } }`,
      `mutation { a: login(input: ${input}) { __typename } ...More } fragment More on Mutation { b: login(input: ${input}) { __typename } }`,
    ];
    for (const query of documents) {
      const res = await post(server, { query });
      expect(res.status, query).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toContain('login');
    }
    await nothingCounted(user.userId);

    // The same document with one login runs and counts once.
    const one = await post(server, { query: `mutation { a: login(input: ${input}) { __typename } }` });
    expect(one.status).toBe(200);
    expect(one.body.data.a.__typename).toBe('InvalidCredentialsError');
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(1);
  });

  it('a batched request (JSON array body) is refused', async () => {
    const user = await activeUser(server);
    const pointsBefore = await rateLimitPoints();
    const op = { query: LOGIN, variables: { input: { authId: user.authId, password: WRONG } } };
    for (const batch of [[op, op, op], [op]]) {
      const res = await post(server, batch);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('InvalidCredentialsError');
    }
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(0);
    expect(await countRows(server, "select 1 from auth_event where user_id = $1 and type = 'LOGIN_FAILED'", [user.userId])).toBe(0);
    expect(await rateLimitPoints()).toBe(pointsBefore);
  });

  it('X-Forwarded-For is ignored unless TRUSTED_PROXIES names the proxy', async () => {
    const user = await activeUser(server);
    await login(server, user.authId, PASSWORD, { headers: { 'x-forwarded-for': '203.0.113.99' } });
    const { rows } = await server.db.query("select ip from auth_event where user_id = $1 and type = 'LOGIN_SUCCEEDED'", [user.userId]);
    expect(rows).toEqual([{ ip: '127.0.0.1' }]);
  });
});

describe('failed logins per IP (20 per 10 minutes, RATE_LIMIT_MULTIPLIER=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_MULTIPLIER: '1', TRUSTED_PROXIES: '127.0.0.1', LOCKOUT_THRESHOLD: '1000' } });
  });
  afterAll(async () => server?.stop());

  const from = (ip: string, lang = 'ja') => ({ headers: { 'x-forwarded-for': ip }, lang });

  it('20 failures from one address, then the 21st attempt answers RATE_LIMITED; another address is unaffected', async () => {
    const user = await activeUser(server);
    const attacker = '203.0.113.7';
    for (let i = 0; i < 20; i++) {
      // Unknown IDs and wrong passwords both count.
      const res = await login(server, i % 2 ? user.authId : `nosuch${String(i).padStart(4, '0')}`, WRONG, from(attacker));
      expect(res.code, `attempt ${i + 1}`).toBe('WZBAM005E');
    }
    const { rows } = await server.db.query<{ ip: string }>("select distinct ip from auth_event where type = 'LOGIN_FAILED'");
    expect(rows).toEqual([{ ip: attacker }]);

    for (const [password, lang] of [[WRONG, 'ja'], [PASSWORD, 'en']]) {
      const limited = await server.gql(LOGIN, { input: { authId: user.authId, password } }, from(attacker, lang));
      const err = expectTopLevel(limited, 'RATE_LIMITED');
      expect(err.extensions!.retryAfterSeconds).toBeGreaterThan(0);
      expect(err.extensions!.retryAfterSeconds).toBeLessThanOrEqual(600);
      expect(err.message).toMatch(lang === 'ja' ? /約\d+分後に再度お試しください。$/ : /Please try again in about \d+ minutes?\.$/);
      expect(limited.data?.login ?? null).toBeNull();
    }
    // Refused attempts are not password checks: the account counter did not move.
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(10);

    const other = '198.51.100.23';
    expect((await login(server, user.authId, WRONG, from(other))).code).toBe('WZBAM005E');
    expect((await login(server, user.authId, PASSWORD, from(other))).__typename).toBe('LoginSuccess');
  });

  it('parallel attempts cannot overrun the limit: of 40 at once from one address at most 20 check a password', async () => {
    const user = await activeUser(server);
    const ip = '192.0.2.77';
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => server.gql(LOGIN, { input: { authId: user.authId, password: WRONG } }, from(ip))),
    );
    const checked = answers.filter((a) => a.data?.login?.code === 'WZBAM005E').length;
    const limited = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'RATE_LIMITED').length;
    expect(checked + limited).toBe(40);
    expect(checked).toBeLessThanOrEqual(20);
    expect(checked).toBeGreaterThan(0);
    expect(await countRows(server, "select 1 from auth_event where ip = $1 and type = 'LOGIN_FAILED'", [ip])).toBe(checked);
    expect((await accountRow(server, user.userId)).failed_login_count).toBe(checked);
  });

  it('attempts refused for the limit do not count: a burst of right passwords near the limit leaves the budget as it was', async () => {
    const user = await activeUser(server);
    const ip = '192.0.2.51';
    const points = async () => {
      const { rows } = await server.db.query<{ points: number }>('select points from rate_limit where key = $1', [`loginFailuresPerIp:${ip}`]);
      return rows[0]?.points;
    };
    for (let i = 0; i < 16; i++) expect((await login(server, user.authId, WRONG, from(ip))).code).toBe('WZBAM005E');
    // While a login is checked its point is held, so a burst can meet the limit for a moment: never more than 4 are
    // checked at once. A right password gives its point back when it is done, so how many of the 10 succeed depends
    // on how many finish before the last ones arrive; what must hold is that the held points never pass the limit.
    const held: number[] = [];
    let bursting = true;
    const watch = (async () => {
      while (bursting) {
        held.push((await points()) ?? 0);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const burst = await Promise.all(Array.from({ length: 10 }, () => server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } }, from(ip))));
    bursting = false;
    await watch;
    const succeeded = burst.filter((r) => r.data?.login?.__typename === 'LoginSuccess').length;
    const refused = burst.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED').length;
    expect(succeeded + refused).toBe(10);
    expect(succeeded).toBeGreaterThan(0);
    expect(held.length).toBeGreaterThan(0);
    expect(Math.max(...held)).toBeLessThanOrEqual(20);
    // the 16 failures are all that count: 4 more wrong passwords are checked, the 5th is refused
    expect(await points()).toBe(16);
    expect((await login(server, user.authId, PASSWORD, from(ip))).__typename).toBe('LoginSuccess');
    for (let i = 0; i < 4; i++) expect((await login(server, user.authId, WRONG, from(ip))).code).toBe('WZBAM005E');
    expectTopLevel(await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } }, from(ip)), 'RATE_LIMITED');
    expect(await points()).toBe(20);
  });

  it('successful logins do not use up the failure budget', async () => {
    const user = await activeUser(server);
    const ip = '192.0.2.50';
    for (let i = 0; i < 19; i++) expect((await login(server, user.authId, WRONG, from(ip))).code).toBe('WZBAM005E');
    for (let i = 0; i < 3; i++) expect((await login(server, user.authId, PASSWORD, from(ip))).__typename).toBe('LoginSuccess');
    expect((await login(server, user.authId, WRONG, from(ip))).code).toBe('WZBAM005E');
    expectTopLevel(await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } }, from(ip)), 'RATE_LIMITED');
  });
});
