import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { AppDeps } from './context.js';
import type { RequestFacts } from './context-factory.js';
import { clientIpOf } from '../http/client-ip.js';
import { newRequestId } from '../lib/tokens.js';

/** A `fetch` for GraphQL requests that never leave this process. */
export type InProcessFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * The web client's server side (SvelteKit, in this process) runs its GraphQL operations through this instead of a
 * loopback HTTP round trip (issue 21): the request goes to the same Apollo server, schema, graphql-shield rules,
 * query limits, error masking and CSRF check as one from outside, with a context built from the same headers (the
 * token, the language, the browser's address forwarded with the internal secret), so the permission and rate-limit
 * path is the one `/graphql` takes. What it skips is what a loopback call only repeated: the socket, HTTP parsing on
 * both ends, undici's client, Express and the body parser, and a second access-log line for the page's request.
 * urql calls it as its `fetch`, so the client keeps its generated types and its error handling.
 */
export function inProcessFetch<C extends BaseContext>(
  apollo: ApolloServer<C>,
  deps: AppDeps,
  contextOf: (deps: AppDeps, facts: RequestFacts) => C,
): InProcessFetch {
  return async (_input, init = {}) => {
    const headers = new HeaderMap();
    for (const [name, value] of new Headers(init.headers).entries()) headers.set(name, value);
    const plain = Object.fromEntries(headers.entries());
    const requestId = newRequestId();
    let log: AppDeps['log'] | undefined;
    const facts: RequestFacts = {
      headers: plain,
      requestId,
      // in-process means loopback; the browser's own address comes with the internal secret, as over HTTP
      ip: clientIpOf(plain, '127.0.0.1', deps.internalSecret),
      log: () => (log ??= deps.log.child({ requestId })),
    };
    const method = (init.method ?? 'GET').toUpperCase();
    const text = typeof init.body === 'string' ? init.body : '';
    let body: unknown;
    try {
      body = method === 'POST' && text ? JSON.parse(text) : undefined;
    } catch {
      return new Response(JSON.stringify({ errors: [{ message: 'malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    const search = method === 'GET' ? new URL(String(_input instanceof Request ? _input.url : _input)).search : '';
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: async () => contextOf(deps, facts),
    });
    let payload = '';
    if (result.body.kind === 'complete') payload = result.body.string;
    else for await (const chunk of result.body.asyncIterator) payload += chunk;
    return new Response(payload, { status: result.status ?? 200, headers: [...result.headers.entries()] });
  };
}
