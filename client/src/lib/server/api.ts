import { Client, fetchExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import type { RequestEvent } from '@sveltejs/kit';
import { runtimeConfig } from './runtime-config';

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

/**
 * One urql client per request: it carries that user's session token, language and address to the API. Operations
 * run on the server only (load functions and form actions), handed to the API inside this process (the server's
 * `graphqlFetch`: no loopback HTTP round trip; the same Apollo server, permissions and rate limits).
 */
export function apiClient(event: RequestEvent): Client {
  const cfg = runtimeConfig();
  const headers: Record<string, string> = {
    'accept-language': event.locals.locale,
    'x-portal-client-ip': event.locals.clientIp,
    'x-portal-internal': cfg.internalSecret,
  };
  const ua = event.request.headers.get('user-agent');
  if (ua) headers['user-agent'] = ua;
  if (event.locals.token) headers.authorization = `Bearer ${event.locals.token}`;
  return new Client({
    url: cfg.apiUrl,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { headers },
    fetch: cfg.graphqlFetch,
  });
}

async function run<D, V extends AnyVariables>(
  event: RequestEvent,
  kind: 'query' | 'mutation',
  doc: TypedDocumentNode<D, V>,
  variables: V,
): Promise<D> {
  const client = apiClient(event);
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

export function query<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return run(event, 'query', doc, variables);
}

export function mutate<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return run(event, 'mutation', doc, variables);
}
