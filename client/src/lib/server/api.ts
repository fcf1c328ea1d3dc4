import { Client, fetchExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import type { RequestEvent } from '@sveltejs/kit';
import { runtimeConfig } from './runtime-config';
import { inProcessExchange, type InProcessExecute } from './in-process-exchange';

/** A top-level GraphQL error code (session problems, rate limits, system errors). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What every operation tells the API about the browser it serves: its language, address, user agent and token. */
export function browserHeaders(event: RequestEvent, token: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'accept-language': event.locals.locale,
    'x-portal-client-ip': event.locals.clientIp,
    'x-portal-internal': runtimeConfig().internalSecret,
  };
  const ua = event.request.headers.get('user-agent');
  if (ua) headers['user-agent'] = ua;
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

/**
 * One urql client per request (urql shares the result of equal operations in flight within a client, so a client must
 * never serve two users): it carries that user's token, language and address to the API. Operations run on the
 * server only (load functions and form actions), handed to the API inside this process by `execute` (the server's
 * in-process executor: the same Apollo server, permissions and rate limits, no loopback HTTP round trip); without it
 * (the client run apart from the server) over HTTP to `url`.
 */
export function graphqlClient(url: string, execute: InProcessExecute | undefined, headers: Record<string, string>): Client {
  return new Client({
    url,
    exchanges: [execute ? inProcessExchange(execute) : fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { headers },
  });
}

/** Runs one operation; any GraphQL error becomes an ApiError with its code, no answer or no data WZBAM098E. */
export async function runOperation<D, V extends AnyVariables>(client: Client, kind: 'query' | 'mutation', doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  const result = kind === 'query' ? await client.query(doc, variables).toPromise() : await client.mutation(doc, variables).toPromise();
  const gqlError = result.error?.graphQLErrors[0];
  if (gqlError) {
    const ext = (gqlError.extensions ?? {}) as Record<string, unknown>;
    throw new ApiError(String(ext.code ?? 'WZBAM098E'), gqlError.message, ext);
  }
  if (result.error || !result.data) {
    throw new ApiError('WZBAM098E', result.error?.message ?? 'no data', {});
  }
  return result.data;
}

/** The applicant's API client for this request (their session cookie's token). */
export function apiClient(event: RequestEvent): Client {
  const cfg = runtimeConfig();
  return graphqlClient(cfg.apiUrl, cfg.graphqlExecute, browserHeaders(event, event.locals.token));
}

export function query<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return runOperation(apiClient(event), 'query', doc, variables);
}

export function mutate<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return runOperation(apiClient(event), 'mutation', doc, variables);
}
