import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import type { InProcessExecute } from '../../../server/src/graphql/in-process.js';
import { activeUser, loginToken, LOGIN } from '../../support/fixtures.js';

/**
 * The web client's operations reach the API inside the process (server/src/graphql/in-process.ts, issue 21): the
 * same Apollo server, rules and limits as /graphql, with the context built from the same headers.
 */
interface ClientConfig {
  graphqlExecute: InProcessExecute;
  staffGraphqlExecute: InProcessExecute;
  internalSecret: string;
}

let server: TestServer;
let cfg: ClientConfig;
beforeAll(async () => {
  server = await startTestServer();
  cfg = (globalThis as Record<symbol, ClientConfig>)[Symbol.for('ras-portal.client-config')];
});
afterAll(() => server?.stop());

async function inProcess(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, staff = false) {
  const execute = staff ? cfg.staffGraphqlExecute : cfg.graphqlExecute;
  const body = await execute({ query, variables, headers: { 'accept-language': 'ja', ...headers } });
  return { body: body as { data?: any; errors?: { message: string; extensions?: any }[] } };
}

const ME = '{ me { authId email } }';

describe('the in-process GraphQL executor', () => {
  it('answers as /graphql does: the session of the token, and UNAUTHENTICATED for a bad one', async () => {
    const user = await activeUser(server);
    const token = await loginToken(server, user.authId);
    const inside = await inProcess(ME, {}, { authorization: `Bearer ${token}` });
    const outside = await server.gql(ME, {}, { token });
    expect(inside.body.data).toEqual(outside.data);
    expect(inside.body.data?.me.authId).toBe(user.authId);

    const bad = await inProcess(ME, {}, { authorization: 'Bearer nonsense' });
    expect(bad.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(bad.body.errors?.[0].extensions?.code).toBe((await server.gql(ME, {}, { token: 'nonsense' })).errors?.[0].extensions?.code);
  });

  it('keeps the query limits, the validation rules, the error masking and the staff surface apart', async () => {
    // one sensitive mutation per document, and a document deeper than the limit: refused before execution, as over HTTP
    const input = '{ authId: "X", password: "Y" }';
    const twoLogins = await inProcess(`mutation { a: login(input: ${input}) { __typename } b: login(input: ${input}) { __typename } }`);
    expect(twoLogins.body.data).toBeUndefined();
    expect(twoLogins.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const deep = `{ __schema { types { ${'fields { type { '.repeat(12)}name${' } }'.repeat(12)} } } }`;
    const tooDeep = await inProcess(deep);
    expect(tooDeep.body.data).toBeUndefined();
    expect(tooDeep.body.errors?.length).toBeGreaterThan(0);
    // a syntax error is answered as over HTTP, with no details of the server
    const broken = await inProcess('{ me { ');
    expect(broken.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(broken.body.errors)).not.toMatch(/stack|at .*\.ts/);

    const user = await activeUser(server);
    const token = await loginToken(server, user.authId);
    const staff = await inProcess('{ staffMe { id } }', {}, { authorization: `Bearer ${token}` }, true);
    expect(staff.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("takes the browser's address from the forwarded header only with the internal secret", async () => {
    const user = await activeUser(server);
    const fail = (headers: Record<string, string>) =>
      inProcess(LOGIN, { input: { authId: user.authId, password: 'Wrong-pass9' } }, { 'x-portal-client-ip': '203.0.113.77', ...headers });
    await fail({ 'x-portal-internal': cfg.internalSecret });
    await fail({ 'x-portal-internal': 'not-the-secret' });
    const { rows } = await server.db.query<{ ip: string }>(
      "select ip from auth_event where user_id = $1 and type = 'LOGIN_FAILED' order by at, id",
      [user.userId],
    );
    expect(rows.map((r) => r.ip)).toEqual(['203.0.113.77', '127.0.0.1']);
  });

  it('is what the web client uses: a logged-in page makes no HTTP request to /graphql', async () => {
    const user = await activeUser(server);
    const token = await loginToken(server, user.authId);
    const posts = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/http_requests_total\{method="POST",status="200"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await posts();
    const page = await fetch(`${server.url}/account`, { headers: { cookie: `session=${token}` }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(user.email); // the page asked the API for the account
    expect(await posts()).toBe(before);
  });
});
