import type { ApolloServer, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { AppDeps } from './context.js';
import type { RequestFacts } from './context-factory.js';
import { clientIpOf } from '../http/client-ip.js';
import { newRequestId } from '../lib/tokens.js';

/** One GraphQL operation from the web client inside this process: the document as text, and the browser's headers. */
export interface InProcessRequest {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  /** what a request over HTTP would carry: authorization, accept-language, user-agent, the forwarded client address */
  headers: Record<string, string>;
}

/** The answer as a client reads it from a response body: data and the formatted (masked) errors. */
export interface InProcessResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export type InProcessExecute = (request: InProcessRequest) => Promise<InProcessResult>;

/**
 * The web client's server side (SvelteKit, in this process) runs its GraphQL operations through this instead of a
 * loopback HTTP round trip (issue 21): Apollo's `executeOperation` on the same server — schema, graphql-shield rules,
 * query limits and validation rules, plugins, error masking (formatError) — with a context built from the same headers
 * as one from outside (the token, the language, the browser's address forwarded with the internal secret), so the
 * permission and rate-limit path is the one `/graphql` takes. What it skips is what only HTTP needs: the socket and
 * HTTP parsing on both ends, Express and the body parser, JSON written and read back, content negotiation, a
 * `Response` object, the CSRF check (SvelteKit checks the Origin of the browser's form post itself), and a second
 * access-log line for the page's request. The web client's urql client calls it from an exchange of its own
 * (client/src/lib/server/in-process-exchange.ts), so the pages keep their generated types and error handling.
 */
export function inProcessExecutor<C extends BaseContext>(
  apollo: ApolloServer<C>,
  deps: AppDeps,
  contextOf: (deps: AppDeps, facts: RequestFacts) => C,
): InProcessExecute {
  return async ({ query, operationName, variables, headers }) => {
    const plain: Record<string, string> = {};
    for (const name of Object.keys(headers)) plain[name.toLowerCase()] = headers[name];
    const requestId = newRequestId();
    let log: AppDeps['log'] | undefined;
    const facts: RequestFacts = {
      headers: plain,
      requestId,
      // in-process means loopback; the browser's own address comes with the internal secret, as over HTTP
      ip: clientIpOf(plain, '127.0.0.1', deps.internalSecret),
      log: () => (log ??= deps.log.child({ requestId })),
    };
    const response = await apollo.executeOperation({ query, operationName, variables }, { contextValue: contextOf(deps, facts) });
    // incremental delivery (@defer, @stream) is not in either schema
    if (response.body.kind !== 'single') throw new Error('in-process GraphQL: an incremental result');
    const { data, errors } = response.body.singleResult;
    return { data, errors };
  };
}
