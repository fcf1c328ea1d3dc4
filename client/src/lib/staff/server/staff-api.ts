import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import type { RequestEvent } from '@sveltejs/kit';
import { browserHeaders, graphqlClient, runOperation } from '#lib/server/api.js';
import { runtimeConfig } from '#lib/server/runtime-config.js';

/**
 * The staff console's API client: /staff/graphql inside this process (`staffGraphqlExecute`), with the staff token
 * from its own cookie (never the applicant's session), the page's language and the client's address (for the network
 * allow-list and the audit trail).
 */
function staffClient(event: RequestEvent): Client {
  const cfg = runtimeConfig();
  return graphqlClient(cfg.staffApiUrl, cfg.staffGraphqlExecute, browserHeaders(event, event.locals.staffToken));
}

export function staffQuery<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return runOperation(staffClient(event), 'query', doc, variables);
}

export function staffMutate<D, V extends AnyVariables>(event: RequestEvent, doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  return runOperation(staffClient(event), 'mutation', doc, variables);
}
