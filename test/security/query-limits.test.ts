import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { LIMITS } from '../../server/src/graphql/limits.js';

/** security.md 19: limits before execution — depth (introspection included), aliases, tokens, cost, directives. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

function nested(depth: number): string {
  let q = 'name';
  for (let i = 0; i < depth; i++) q = `ofType { ${q} }`;
  return `{ __schema { types { fields { type { ${q} } } } } }`;
}

describe('refused before execution with HTTP 400', () => {
  it('a 30-level introspection query', async () => {
    const res = await server.gql(nested(30));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
  });

  it(`more than ${LIMITS.maxAliases} aliases`, async () => {
    const fields = Array.from({ length: 100 }, (_, i) => `a${i}: passwordPolicy { minLength }`).join(' ');
    const res = await server.gql(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/alias/i);
  });

  it('1,000 aliases (the token limit stops it even earlier)', async () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `a${i}: passwordPolicy { minLength }`).join(' ');
    const res = await server.gql(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
  });

  it(`more than ${LIMITS.maxTokens} tokens`, async () => {
    const fields = Array.from({ length: 3500 }, () => '__typename').join(' ');
    const res = await server.gql(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it(`more than ${LIMITS.maxDirectives} directives`, async () => {
    const dirs = Array.from({ length: 50 }, () => '@include(if: true)').join(' ');
    const res = await server.gql(`{ passwordPolicy ${dirs} { minLength } }`);
    expect(res.status).toBe(400);
  });
});

describe('malformed requests are answered as such, not as system errors (WZBAM098E)', () => {
  it('a subscription: this API has none', async () => {
    const res = await server.gql('subscription { me { authId } }');
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['GRAPHQL_VALIDATION_FAILED', 'This API has no subscription operations.']]);
  });

  it.each([
    ['a hash only', { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }],
    ['a query with a hash that does not match it', { query: '{ passwordPolicy { minLength } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }],
  ])('an automatic persisted query (%s): not supported', async (_label, body) => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(json.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
  });
});

describe('what partners and the client send still works', () => {
  it('the standard introspection query', async () => {
    const res = await server.gql(getIntrospectionQuery());
    expect(res.status).toBe(200);
    expect(res.data.__schema.queryType.name).toBe('Query');
  });

  it('a few aliases', async () => {
    const res = await server.gql('{ a: passwordPolicy { minLength } b: passwordPolicy { maxLength } }');
    expect(res.data).toEqual({ a: { minLength: 8 }, b: { maxLength: 32 } });
  });
});
