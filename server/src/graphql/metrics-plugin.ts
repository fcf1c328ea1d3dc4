import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../http/metrics.js';
import type { Context } from './context.js';

/**
 * At most this many operation names are metric labels; later new names are counted as `other`. A name is the
 * caller's choice (`query AnyName { … }`), and each label is a series the process keeps: without a bound, a client
 * sending ever new names would grow the server's memory and every scrape without end. The product's own clients and
 * partners' use far fewer.
 */
export const MAX_OPERATION_LABELS = 200;

/** Counts and times every operation by name, and every login by the result type it answered. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  const labelled = new Set<string>();
  const label = (operationName: string | null | undefined): string => {
    const name = operationName ?? 'anonymous';
    if (labelled.has(name)) return name;
    if (labelled.size >= MAX_OPERATION_LABELS) return 'other';
    labelled.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response }) {
          const name = label(operationName);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          metrics.operations.inc({ operation: name, outcome: body?.errors?.length ? 'error' : 'ok' });
          metrics.latency.observe({ operation: name }, Number(process.hrtime.bigint() - started) / 1e9);
          const login = (body?.data as { login?: { __typename?: string } } | null | undefined)?.login;
          const loginError = body?.errors?.find((e) => e.path?.[0] === 'login');
          if (login?.__typename) metrics.logins.inc({ outcome: login.__typename });
          else if (loginError) metrics.logins.inc({ outcome: String(loginError.extensions?.code ?? 'error') });
        },
      };
    },
  };
}
