import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlainJson } from '../../../server/src/http/graphql-route.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * The API's two HTTP paths (server/src/http/graphql-route.ts): POST with a UTF-8 JSON body goes straight to Apollo,
 * everything else through express.json() and the integration. Both must answer alike — the same headers, limits and
 * refusals — so a client cannot tell which one it took.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const QUERY = JSON.stringify({ query: '{ passwordPolicy { minLength } }' });

async function post(path: string, body: string | Buffer, headers: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('POST /graphql, the direct path and the general one', () => {
  const variants: [string, Record<string, string>, string | Buffer][] = [
    ['application/json (direct)', { 'content-type': 'application/json' }, QUERY],
    ['application/json; charset=utf-8 (direct)', { 'content-type': 'application/json; charset=utf-8' }, QUERY],
    ['Application/JSON; Charset="UTF-8" (direct)', { 'content-type': 'Application/JSON; Charset="UTF-8"' }, QUERY],
    ['a gzip-compressed body (general: express.json inflates it)', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(QUERY)],
  ];
  for (const [name, headers, body] of variants) {
    it(`${name}: the answer, no-store, nosniff and a request id`, async () => {
      const res = await post('/graphql', body, headers);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ data: { passwordPolicy: { minLength: 8 } } });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{12}$/);
    });
  }

  it('a JSON body that is not an object or an array: 400 BAD_REQUEST on both paths (express.json is strict)', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', 'content-encoding': 'gzip' }] as Record<string, string>[]) {
      const body = headers['content-encoding'] ? gzipSync('"{ passwordPolicy { minLength } }"') : '"{ passwordPolicy { minLength } }"';
      const res = await post('/graphql', body, headers);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('malformed JSON and a body over 100 KB: the same 400 and 413 on both paths', async () => {
    const big = JSON.stringify({ query: `{ passwordPolicy { minLength } } # ${'x'.repeat(101 * 1024)}` });
    for (const gzip of [false, true]) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
      const malformed = await post('/graphql', gzip ? gzipSync('{"query": ') : '{"query": ', headers);
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.text).errors[0].extensions.code).toBe('BAD_REQUEST');
      const tooLarge = await post('/graphql', gzip ? gzipSync(big) : big, headers);
      expect(tooLarge.status).toBe(413);
      expect(JSON.parse(tooLarge.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('an empty body and a byte-order mark: read as express.json() reads them, the same answer on both paths', async () => {
    for (const body of ['', `\uFEFF${QUERY}`]) {
      const direct = await post('/graphql', body, { 'content-type': 'application/json' });
      const general = await post('/graphql', gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(direct.status, JSON.stringify(body)).toBe(body ? 200 : 400);
      expect(general.status).toBe(direct.status);
      expect(general.text).toBe(direct.text);
    }
  });

  it('an operation error is answered by Apollo alike on both paths (the same masked body)', async () => {
    const bad = JSON.stringify({ query: '{ noSuchField }' });
    const direct = await post('/graphql', bad, { 'content-type': 'application/json' });
    const general = await post('/graphql', gzipSync(bad), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(direct.status).toBe(400);
    expect(general.status).toBe(direct.status);
    expect(general.text).toBe(direct.text);
  });

  it('the staff surface: no-store and noindex on the direct path too', async () => {
    const res = await post('/staff/graphql', JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
  });
});

describe('isPlainJson: which requests take the direct path', () => {
  it('takes application/json with no charset or UTF-8, in any case', () => {
    for (const t of ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON;charset=UTF-8', 'application/json; charset="utf-8"']) {
      expect(isPlainJson(t), t).toBe(true);
    }
  });
  it('leaves everything else to express.json() and the integration', () => {
    for (const t of [undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=utf-16', 'application/jsonx']) {
      expect(isPlainJson(t), String(t)).toBe(false);
    }
  });
});
