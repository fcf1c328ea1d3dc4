import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { startApp } from './app.js';
import type { AddressInfo } from 'node:net';
import { isLoopbackAddress } from './http/client-ip.js';
import { createLogger } from './lib/logger.js';
import { WorkerSupervisor } from './modules/mail/worker-supervisor.js';

/** `npm start` (everything) or `npm run worker` (--role=worker: only the mail worker). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, { log });
  // Started without server/preload/index.cjs (e.g. by the tsx CLI) and without an explicit UV_THREADPOOL_SIZE,
  // hashes share Node's default pool of 4 threads.
  if (app.url && process.env.UV_THREADPOOL_SIZE === undefined && config.hashConcurrency !== 4) {
    log.warn({ hashConcurrency: config.hashConcurrency, threadPool: 4 }, 'the thread pool is not sized for hashing (start with npm start)');
  }

  const lines = [
    '',
    '在留申請オンラインシステム — account portal',
    app.url ? `  Web / API:  ${config.publicUrl}  (GraphQL: ${config.publicUrl}/graphql)` : '  HTTP:       off (worker only)',
    ...(app.listening ? [`  Listening:  ${listenLine(app.listening)}`] : []),
    `  Database:   ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg (port ${config.embeddedPgPort})`}`,
    app.mailbox
      ? `  Mailbox:    ${config.publicUrl}/dev/mailbox  (development mailbox, SMTP on 127.0.0.1:${app.mailbox.port})`
      : `  Mail:       ${config.smtpUrl ? 'SMTP_URL' : 'none'}`,
    `  Worker:     ${config.role === 'server' ? 'off (run `npm run worker`)' : 'on'}`,
    '  Stop with Ctrl-C.',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.stop();
    log.info('stopped');
    process.exit(0);
  };
  // graphile-worker lets a lost database connection escape as an unhandled rejection; its supervisor restarts the
  // worker, so the process stays up. Anything else unhandled is a bug: log it and exit, so a supervisor restarts us.
  process.on('unhandledRejection', (err) => {
    if (WorkerSupervisor.owns(err)) {
      log.warn({ component: 'worker', err: String((err as Error)?.message ?? err) }, 'mail worker lost the database');
      return;
    }
    log.fatal({ err: String((err as Error)?.stack ?? err) }, 'unhandled rejection');
    process.exit(1);
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Where HTTP listens, and whether other machines can reach it. */
function listenLine({ address, port }: AddressInfo): string {
  const at = `${address.includes(':') ? `[${address}]` : address}:${port}`;
  return isLoopbackAddress(address) ? `${at}  (this machine only; set HOST=0.0.0.0 to accept other machines)` : `${at}  (HOST)`;
}

main().catch((err) => {
  console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
