import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { LOGIN, registerUser } from '../../support/fixtures.js';

/** GET /metrics: operations, logins by outcome, outbox depth, hash queue (issue 5, item 3). */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { METRICS_TOKEN: 'scrape-secret' } });
});
afterAll(async () => server?.stop());

async function scrape(token?: string) {
  const res = await fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text() };
}

it('refuses a scrape without the configured token', async () => {
  expect((await scrape()).status).toBe(403);
  expect((await scrape('wrong')).status).toBe(403);
});

it('reports operations, login outcomes, the outbox and the hash queue', async () => {
  await registerUser(server); // one REGISTRATION mail waits: no worker runs in this server
  await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, operationName: 'Login', variables: { input: { authId: 'nobody1234', password: 'Wrong-pass1!' } } }),
  });
  const { status, text } = await scrape('scrape-secret');
  expect(status).toBe(200);
  expect(text).toMatch(/graphql_operations_total\{operation="Login",outcome="ok"\} 1/);
  expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="Register"\} 1/);
  expect(text).toMatch(/logins_total\{outcome="InvalidCredentialsError"\} 1/);
  expect(text).toMatch(/mail_outbox_depth [1-9]/);
  expect(text).toMatch(/mail_outbox_oldest_age_seconds \d/);
  expect(text).toMatch(/password_hash_queue 0/);
  expect(text).toMatch(/http_requests_total\{method="POST",status="200"\}/);
});
