import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../http/metrics.js';
import type { Context } from './context.js';

/** Counts and times every operation by name, and every login by the result type it answered. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response }) {
          const name = operationName ?? 'anonymous';
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
