/**
 * What the web client needs from the server's configuration. The API server (server/src/app.ts) runs this SvelteKit
 * app in the same process and hands it these values under a well-known global symbol before the first request (the
 * environment would not do: adapter-node copies it when the handler is imported, before the port is known).
 */
import type { InProcessExecute } from './in-process-exchange';

export interface ClientRuntimeConfig {
  /** the GraphQL endpoint inside this process (loopback), not the public URL */
  apiUrl: string;
  /**
   * Runs a GraphQL operation on the API inside this process (the same Apollo server, rules and limits) without a
   * loopback HTTP round trip (server/src/graphql/in-process.ts); and its staff twin. Absent where the client runs
   * without the server: then operations go to `apiUrl` over HTTP.
   */
  graphqlExecute?: InProcessExecute;
  staffGraphqlExecute?: InProcessExecute;
  /** proves to the API that a forwarded client IP comes from this server, not from a client */
  internalSecret: string;
  /** the staff GraphQL endpoint inside this process (loopback): the staff console's only API (staff.md) */
  staffApiUrl: string;
  /** the staff sessions' idle timeout (STAFF_IDLE_TIMEOUT_SECONDS) */
  staffIdleTimeoutSeconds: number;
  publicUrl: string;
  secureCookies: boolean;
  sessionIdleTimeoutSeconds: number;
  /** the sender's domain for STEP3's allow-list advice; '' when it is no real mail domain (localhost, an IP) */
  mailFromDomain: string;
  helpdesk: { phone: string; email: string; hours: string; hoursEn: string };
}

const KEY = Symbol.for('ras-portal.client-config');

export function runtimeConfig(): ClientRuntimeConfig {
  const config = (globalThis as Record<symbol, ClientRuntimeConfig | undefined>)[KEY];
  if (!config) throw new Error('no client configuration: start the web client through the server (npm start)');
  return config;
}
