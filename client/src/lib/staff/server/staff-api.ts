import { Client, fetchExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import type { RequestEvent } from '@sveltejs/kit';
import { ApiError } from '#lib/server/api.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';

/**
 * The staff console's API client: /staff/graphql inside this process (`staffGraphqlFetch`), with the staff token from its own cookie (never the
 * applicant's session), the page's language and the client's address (for the network allow-list and the audit trail).
 */
function staffClient(event: RequestEvent): Client {
  const cfg = runtimeConfig();
  const headers: Record<string, string> = {
    'accept-language': event.locals.locale,
    'x-portal-client-ip': event.locals.clientIp,
    'x-portal-internal': cfg.internalSecret,
  };
  const ua = event.request.headers.get('user-agent');
  if (ua) headers['user-agent'] = ua;
  if (event.locals.staffToken) headers.authorization = `Bearer ${event.locals.staffToken}`;
  return new Client({
    url: cfg.staffApiUrl,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { headers },
    // handed to the staff API inside this process, as the applicant pages' operations are (server/src/graphql/in-process.ts)
    fetch: cfg.staffGraphqlFetch,
  });
}

async function run<D, V extends AnyVariables>(event: RequestEvent, kind: 'query' | 'mutation', doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  const client = staffClient(event);
  const result = kind === 'query' ? await client.query(doc, variables).toPromise() : await client.mutation(doc, variables).toPromise();
  const gqlError = result.error?.graphQLErrors[0];
  if (gqlError) {
    const ext = (gqlError.extensions ?? {}) as Record<string, unknown>;
    throw new ApiError(String(ext.code ?? 'WZBAM098E'), gqlError.message, ext);
  }
  if (result.error || !result.data) throw new ApiError('WZBAM098E', result.error?.message ?? 'no data', {});
  return result.data;
}

export function staffQuery<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return run(event, 'query', doc, variables);
}

export function staffMutate<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return run(event, 'mutation', doc, variables);
}
