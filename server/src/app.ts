import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { isAllowListDomain, type Config } from './config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { migrate } from './db/orm.js';
import { applicantExecutableSchema, openProductOrm, staffExecutableSchema } from './composition.js';
import { createApolloServer } from './graphql/apollo.js';
import { applicantContextOf, staffContextOf } from './graphql/context-factory.js';
import { inProcessExecutor, type InProcessExecute } from './graphql/in-process.js';
import { createPool, endPool } from './db/pool.js';
import { STATEMENT_TIMEOUT_MS } from './db/pooler.js';
import { grantApplicationRole } from './db/app-role.js';
import type pg from 'pg';
import type { AppDeps, Context, StaffContext } from './graphql/context.js';
import { Metrics } from './http/metrics.js';
import { createExpressApp } from './http/express-app.js';
import { loadWebClient } from './http/web-client.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogger, type Logger } from './lib/logger.js';
import { MailCapture } from './modules/mail/mail-capture.js';
import { coeKeys } from './modules/coe/coe-keys.js';
import { migrateQueue, startMailWorker, unlockWorkers } from './modules/mail/mail-worker.js';
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

/** How long an idle HTTP connection stays open: longer than a balancer keeps its idle connections to the instance. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The web client runs in this process and reads its settings from this global (client/src/lib/server). */
function shareWithWebClient(config: Config, deps: AppDeps, apiUrl: string, executors: { graphqlExecute: InProcessExecute; staffGraphqlExecute: InProcessExecute }): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('ras-portal.client-config')] = {
    apiUrl,
    // the web client's operations run in this process, without a loopback round trip (graphql/in-process.ts)
    ...executors,
    // the staff console (under /staff) reaches the staff surface here
    staffApiUrl: apiUrl.replace(/\/graphql$/, '/staff/graphql'),
    staffIdleTimeoutSeconds: config.staffIdleTimeoutSeconds,
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
 * Migrations (the product's, then the mail queue's) and the application role's privileges. With
 * MIGRATION_DATABASE_URL they run as that role (the tables' owner) and the product serves as DATABASE_URL's role
 * (docs/operations.md "The application's database role"); without it both are DATABASE_URL's.
 */
async function prepareDatabase(config: Config, orm: MikroORM, pool: pg.Pool, log: Logger): Promise<void> {
  const migrationUrl = config.migrationDatabaseUrl;
  const pooler = config.databasePooler;
  const owner = migrationUrl ? await openProductOrm(migrationUrl, 1, (m) => log.debug({ component: 'orm' }, m), pooler) : orm;
  const ownerPool = migrationUrl ? createPool(migrationUrl, log, 1, pooler) : { pool, close: async () => {} };
  try {
    const applied = await migrate(owner);
    if (applied.length) log.info({ applied }, 'migrations applied');
    await migrateQueue(ownerPool.pool, log);
    await grantApplicationRole(ownerPool.pool, log);
  } finally {
    if (owner !== orm) await owner.close(true);
    await ownerPool.close();
  }
  if (pooler === 'transaction') await checkRoleStatementTimeout(pool, log);
}

/**
 * Behind a transaction pooler the statement timeout cannot be set per connection (db/pooler.ts): it must be the
 * role's (`alter role … set statement_timeout = '10s'`). Without it a stuck query holds a server connection of the
 * pool for as long as it runs, so start-up says so.
 */
async function checkRoleStatementTimeout(pool: pg.Pool, log: Logger): Promise<void> {
  const { rows } = await pool.query<{ statement_timeout: string }>('show statement_timeout');
  if (rows[0]?.statement_timeout === '0') {
    log.warn(
      { expected: `${STATEMENT_TIMEOUT_MS}ms` },
      "DATABASE_POOLER=transaction but the database role has no statement_timeout: alter role <role> set statement_timeout = '10s'",
    );
  }
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

    // the COE signing key first: a bad COE_SIGNING_KEY stops the start, and a development start generates its key
    await coeKeys(config);

    const orm: MikroORM = await openProductOrm(databaseUrl, undefined, (m) => log.debug({ component: 'orm' }, m), config.databasePooler);
    stops.push(async () => {
      // the ORM's own pg pool: closed through endPool too, so the embedded database never stops under its connections
      const ormPool = await orm.em.getConnection().getNativeClient();
      await endPool(ormPool, () => orm.close(true));
    });
    const { pool, close: closePool } = createPool(databaseUrl, log, 6, config.databasePooler);
    stops.push(() => closePool());
    await prepareDatabase(config, orm, pool, log);

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
      // graphile-worker LISTENs on a connection it holds: its own pool when DATABASE_URL is a transaction pooler
      let workerPool = pool;
      if (config.workerDatabaseUrl) {
        const own = createPool(config.workerDatabaseUrl, log, 6, config.databasePooler === 'transaction' ? 'session' : 'none');
        stops.push(() => own.close());
        workerPool = own.pool;
      }
      worker = new WorkerSupervisor(
        (events) => startMailWorker({ pool: workerPool, transport, from: config.mailFrom, clock, log, orm, config, events }),
        log,
        (workerIds) => unlockWorkers(workerPool, workerIds),
      );
      await worker.run();
      stops.push(() => worker!.stop());
    }

    let url: string | undefined;
    let listening: AddressInfo | undefined;
    if (config.role !== 'worker') {
      const httpServer = http.createServer();
      // Behind a balancer (HAProxy, docs/operations.md) idle connections to the instance are reused. With Node's
      // default keep-alive timeout (5 s) the instance can close one just as the balancer sends a request on it; the
      // balancer cannot retry that request (it may have been received) and its client gets no answer — seen in the
      // scale-out test. Idle connections therefore stay open longer than a balancer keeps them (HAProxy purges its
      // idle server connections within seconds, cloud balancers after 60 s); the header timeout must exceed it.
      httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
      httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
      const metrics = new Metrics(deps);
      const apollo = createApolloServer<Context>({
        schema: await applicantExecutableSchema(),
        drain: httpServer,
        log,
        metrics,
        sandbox: config.graphqlSandbox,
      });
      // the staff surface (staff.md): the same process and port, its own schema, context and sessions; never a sandbox
      const staffApollo = createApolloServer<StaffContext>({ schema: await staffExecutableSchema(), log, metrics, sandbox: false });
      await staffApollo.start();
      stops.push(() => staffApollo.stop());
      // stopped first (stops run in reverse): its drain lets the requests of both surfaces finish
      await apollo.start();
      stops.push(() => apollo.stop());
      const clientHandler = await loadWebClient(config);
      httpServer.on('request', createExpressApp({ deps, apollo, staffApollo, mailbox, metrics, clientHandler }));
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(opts.port ?? config.port, config.host, () => {
          // Before the first request: where the web client's server side reaches the API (this process).
          shareWithWebClient(config, deps, `${selfOrigin(httpServer.address() as AddressInfo)}/graphql`, {
            graphqlExecute: inProcessExecutor(apollo, deps, applicantContextOf),
            staffGraphqlExecute: inProcessExecutor(staffApollo, deps, staffContextOf),
          });
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
