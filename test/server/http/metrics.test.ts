import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { LOGIN, registerUser } from '../../support/fixtures.js';
import { MAX_OPERATION_LABELS } from '../../../server/src/graphql/metrics-plugin.js';

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

it('keeps at most MAX_OPERATION_LABELS operation names as labels: a caller inventing names cannot grow the series', async () => {
  const names = Array.from({ length: MAX_OPERATION_LABELS + 50 }, (_, i) => `Invented${i}`);
  for (const name of names) {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query ${name} { passwordPolicy { minLength } }` }),
    });
    expect(res.status).toBe(200);
  }
  const { text } = await scrape('scrape-secret');
  const labels = new Set([...text.matchAll(/graphql_operations_total\{operation="([^"]+)"/g)].map((m) => m[1]));
  expect(labels.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 1);
  expect(labels.has('other')).toBe(true);
  expect(labels.has('Login')).toBe(true); // names seen before the bound keep their series
  expect(text).not.toContain(`operation="Invented${MAX_OPERATION_LABELS + 49}"`);
});
