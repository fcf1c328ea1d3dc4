import pg from 'pg';
import { createTestDatabase } from '../../support/test-database.js';
import { MailCapture } from '../../support/smtp-receiver.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';

export interface WebApp {
  url: string;
  smtp: MailCapture;
  server: ServerProcess;
  /** the app's own database, for the few checks a browser cannot make (e.g. back-dating a session's last activity) */
  databaseUrl: string;
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

/**
 * The product as a user meets it: the real server process (API + built web client on one port) on its own database,
 * mailing to a real SMTP receiver.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const smtp = await MailCapture.start({ port: 0 });
  const db = await createTestDatabase();
  const server = await startServerProcess({ DATABASE_URL: db.url, SMTP_URL: smtp.url, RATE_LIMIT_MULTIPLIER: '100', ...env });
  let pool: pg.Pool | undefined;
  return {
    url: server.url,
    smtp,
    server,
    databaseUrl: db.url,
    async sql<R extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
      pool ??= new pg.Pool({ connectionString: db.url, max: 1 });
      return (await pool.query<R>(text, params)).rows;
    },
    async stop() {
      await pool?.end();
      await server.stop('SIGTERM');
      await smtp.stop();
      await db.drop();
    },
  };
}
