import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type http from 'node:http';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../lib/logger.js';
import type { Context } from './context.js';
import { errorLoggingPlugin, formatError } from './error-masking.js';
import { queryLimits } from './limits.js';
import { metricsPlugin } from './metrics-plugin.js';
import { knownOperationTypes } from './operation-types.js';
import { sensitiveMutationsOnce } from './sensitive-once.js';

/**
 * One GraphQL surface's Apollo Server: the applicant's (`/graphql`) and the staff's (`/staff/graphql`) are built
 * here alike — the same limits, error masking, CSRF prevention, metrics and refusals — and differ only in schema,
 * context and whether the development sandbox may be shown (never on the staff surface).
 */
export function createApolloServer<C extends BaseContext & Pick<Context, 'requestId' | 'locale'>>(opts: {
  schema: GraphQLSchema;
  /** the HTTP server to drain on stop: given to one surface only (one drain covers every request of the server) */
  drain?: http.Server;
  log: Logger;
  metrics: Metrics;
  sandbox: boolean;
}): ApolloServer<C> {
  const limits = queryLimits();
  return new ApolloServer<C>({
    schema: opts.schema,
    csrfPrevention: true,
    // main.ts owns the signals: it drains HTTP, stops the worker and the database, then exits 0.
    stopOnTerminationSignals: false,
    introspection: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // No automatic persisted queries: no client of the portal uses them, they would let any caller fill a
    // server-side cache, and a partner's client falls back to sending the query (PERSISTED_QUERY_NOT_SUPPORTED).
    persistedQueries: false,
    validationRules: [...limits.validationRules, sensitiveMutationsOnce, knownOperationTypes],
    parseOptions: limits.parseOptions,
    formatError,
    plugins: [
      ...(opts.drain ? [ApolloServerPluginDrainHttpServer({ httpServer: opts.drain })] : []),
      // Apollo's default cache-control plugin wraps every field resolver to read cache hints; nothing here is
      // cacheable (both surfaces answer no-store), so it would only cost time on every request.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads scripts, styles and fonts from its CDNs, outside the site's CSP: only on request,
      // in development (config refuses GRAPHQL_SANDBOX in production). Partners have schema.graphql.
      opts.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin(opts.log),
      metricsPlugin(opts.metrics),
      ...limits.plugins,
    ] as never,
  });
}
