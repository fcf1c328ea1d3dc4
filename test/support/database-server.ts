import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/src/db/embedded.js';

/**
 * The PostgreSQL server the tests use: TEST_DATABASE_URL (CI points it at the machine's PostgreSQL 15), else an
 * embedded one under .data/test-pg, so `npm test` works on a fresh machine with nothing installed.
 * Returns an admin URL whose database may be replaced to reach other databases.
 */
export async function testDatabaseServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured, stop: async () => {} };
  const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 25433);
  const db = await startEmbeddedPostgres({ dataDir: path.resolve('.data/test'), port, database: 'postgres' });
  return { adminUrl: db.url, stop: db.stop };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
