import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { isAllowListDomain, type Config } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { migrate } from './db/orm.js';
import { applicantExecutableSchema, openProductOrm } from './composition.js';
import { createPool, endPool } from './db/pool.js';
import type { AppDeps, Context } from './graphql/context.js';
import { errorLoggingPlugin, formatError } from './graphql/error-masking.js';
import { sensitiveMutationsOnce } from './graphql/sensitive-once.js';
import { knownOperationTypes } from './graphql/operation-types.js';
import { queryLimits } from './graphql/limits.js';
import { metricsPlugin } from './graphql/metrics-plugin.js';
import { Metrics } from './http/metrics.js';
import { createExpressApp } from './http/express-app.js';
import { loadWebClient } from './http/web-client.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger, type Logger } from './lib/logger.js';
import { MailCapture } from './modules/mail/mail-capture.js';
import { migrateQueue, startMailWorker } from './modules/mail/mail-worker.js';
import { WorkerSupervisor } from './modules/mail/worker-supervisor.js';
import { createTransport } from './modules/mail/transport.js';
import { PasswordHasher } from './modules/password/password-hasher.js';
import { RateLimits } from './modules/rate-limit/rate-limits.js';

export interface RunningApp {
  /** the HTTP origin the server listens on (not PUBLIC_URL) */
  url: string | undefined;
  /** the address and port it listens on */
  listening: AddressInfo | undefined;
  deps: AppDeps;
  mailbox: MailCapture | undefined;
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  /** listen on this port instead of config.port (tests pass 0) */
  port?: number;
}

/** The web client runs in this process and reads its settings from this global (client/src/lib/server). */
function shareWithWebClient(config: Config, deps: AppDeps, apiUrl: string): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('ras-portal.client-config')] = {
    apiUrl,
    internalSecret: deps.internalSecret,
    publicUrl: config.publicUrl,
    secureCookies: config.publicUrl.startsWith('https:'),
    sessionIdleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
    // '' when the sender is not a real mail domain (localhost, an IP): STEP3 then gives no allow-list advice
    mailFromDomain: isAllowListDomain(config.mailFromDomain) ? config.mailFromDomain : '',
    helpdesk: config.helpdesk,
  };
}

/**
 * How this process reaches its own HTTP server: the address it listens on (HOST=::1 or HOST=localhost on a machine
 * whose localhost is ::1 is not reachable at 127.0.0.1), or loopback when it listens on every address.
 */
function selfOrigin({ address, port }: AddressInfo): string {
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Start-up in order: database (embedded unless DATABASE_URL) → migrations → mail queue → mail transport (the dev
 * mailbox unless SMTP_URL) → worker → HTTP. `stop()` undoes it in reverse, each step once.
 */
export async function startApp(config: Config, opts: StartOptions = {}): Promise<RunningApp> {
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    while (stops.length) {
      const step = stops.pop()!;
      try {
        await step();
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'shutdown step failed');
      }
    }
  };

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        database: 'portal',
        log: (line) => log.debug({ component: 'embedded-postgres' }, line),
      });
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }

    const orm: MikroORM = await openProductOrm(databaseUrl, undefined, (m) => log.debug({ component: 'orm' }, m));
    stops.push(async () => {
      // the ORM's own pg pool: closed through endPool too, so the embedded database never stops under its connections
      const ormPool = await orm.em.getConnection().getNativeClient();
      await endPool(ormPool, () => orm.close(true));
    });
    const applied = await migrate(orm);
    if (applied.length) log.info({ applied }, 'migrations applied');

    const { pool, close: closePool } = createPool(databaseUrl, log);
    stops.push(() => closePool());
    await migrateQueue(pool, log);

    const deps: AppDeps = {
      config,
      clock,
      orm,
      log,
      hasher: new PasswordHasher(config.hashConcurrency, config.hashQueueLimit),
      limits: new RateLimits(pool, config.rateLimitMultiplier),
      internalSecret: randomBytes(32).toString('base64url'),
    };

    let mailbox: MailCapture | undefined;
    if (!config.smtpUrl && !config.production) {
      mailbox = await MailCapture.start({ host: '127.0.0.1', port: Number(process.env.DEV_SMTP_PORT ?? 0) });
      stops.push(() => mailbox!.stop());
    }

    let worker: WorkerSupervisor | undefined;
    if (config.role !== 'server') {
      const transport = createTransport(config.smtpUrl, mailbox?.port);
      stops.push(async () => transport.close());
      worker = new WorkerSupervisor(() => startMailWorker({ pool, transport, from: config.mailFrom, clock, log, orm, config }), log);
      await worker.run();
      stops.push(() => worker!.stop());
    }

    let url: string | undefined;
    let listening: AddressInfo | undefined;
    if (config.role !== 'worker') {
      const httpServer = http.createServer();
      const limits = queryLimits();
      const metrics = new Metrics(deps);
      const apollo = new ApolloServer<Context>({
        schema: await applicantExecutableSchema(),
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
          ApolloServerPluginDrainHttpServer({ httpServer }),
          // Apollo's default cache-control plugin wraps every field resolver to read cache hints; nothing here is
          // cacheable (/graphql answers no-store), so it would only cost time on every request.
          ApolloServerPluginCacheControlDisabled(),
          // Apollo's landing page loads scripts, styles and fonts from its CDNs, outside the site's CSP: only on request,
          // in development (config refuses GRAPHQL_SANDBOX in production). Partners have schema.graphql.
          config.graphqlSandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
          errorLoggingPlugin(log),
          metricsPlugin(metrics),
          ...limits.plugins,
        ],
      });
      await apollo.start();
      stops.push(() => apollo.stop());
      const clientHandler = await loadWebClient(config);
      httpServer.on('request', createExpressApp({ deps, apollo, mailbox, metrics, clientHandler }));
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(opts.port ?? config.port, config.host, () => {
          // Before the first request: where the web client's server side reaches the API (this process).
          shareWithWebClient(config, deps, `${selfOrigin(httpServer.address() as AddressInfo)}/graphql`);
          resolve();
        });
      });
      listening = httpServer.address() as AddressInfo;
      url = /^(127\.0\.0\.1|0\.0\.0\.0|::)$/.test(listening.address) ? `http://localhost:${listening.port}` : selfOrigin(listening);
    }

    return { url, listening, deps, mailbox, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
