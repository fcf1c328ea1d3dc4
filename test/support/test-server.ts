import { loadConfig, type Config } from '../../server/src/config.js';
import { startApp, type RunningApp } from '../../server/src/app.js';
import { ManualClock } from '../../server/src/lib/clock.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { createTestDatabase, testPool } from './test-database.js';
import pg from 'pg';

export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface GqlOptions {
  token?: string | null;
  /** the surface: `/graphql` (default) or `/staff/graphql` */
  endpoint?: string;
  lang?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  app: RunningApp;
  url: string;
  config: Config;
  clock: ManualClock;
  /** a direct connection to the test database, for checks the API does not expose */
  db: pg.Pool;
  gql<T = any>(query: string, variables?: Record<string, unknown>, opts?: GqlOptions): Promise<GqlResponse<T>>;
  /** a request to the staff surface, /staff/graphql */
  staffGql<T = any>(query: string, variables?: Record<string, unknown>, opts?: GqlOptions): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

/** One GraphQL request as the tests send it (Japanese unless `lang` says otherwise); `text` is the raw answer. */
export async function requestGql<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  o: GqlOptions = {},
): Promise<GqlResponse<T> & { text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': o.lang ?? 'ja', ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const res = await fetch(`${url}${o.endpoint ?? '/graphql'}`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: T; errors?: GqlResponse['errors'] };
  return { status: res.status, headers: res.headers, data: body.data, errors: body.errors, text };
}

/**
 * The real app (HTTP, GraphQL, PostgreSQL) in this process, on an ephemeral port, with its own database and a manual
 * clock (RATE_LIMIT_MULTIPLIER 1000 unless `env` says otherwise). No mail worker unless `worker: true` (then SMTP goes to `env.SMTP_URL`).
 */
export async function startTestServer(opts: { env?: Record<string, string>; worker?: boolean; now?: Date } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const clock = new ManualClock(opts.now ?? new Date('2026-04-01T00:00:00Z'));
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUBLIC_URL: 'http://portal.test',
      LOG_LEVEL: 'silent',
      HASH_CONCURRENCY: '2',
      // Every test file shares 127.0.0.1; the rate-limit tests set their own multiplier.
      RATE_LIMIT_MULTIPLIER: '1000',
      ...opts.env,
    },
    [opts.worker ? '--role=all' : '--role=server'],
  );
  const app = await startApp(config, { clock, log: createLogger('silent'), port: 0 });
  const db = testPool(database.url, 2);
  const url = app.url!;
  return {
    app,
    url,
    config,
    clock,
    db,
    gql: (query, variables, o) => requestGql(url, query, variables, o),
    staffGql: (query, variables, o) => requestGql(url, query, variables, { endpoint: '/staff/graphql', ...o }),
    async stop() {
      await db.end();
      await app.stop();
      await database.drop();
    },
  };
}
