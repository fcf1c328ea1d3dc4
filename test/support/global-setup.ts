import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { execSync } from 'node:child_process';
import { migrate } from '../../server/src/db/orm.js';
import { openProductOrm } from '../../server/src/composition.js';
import { migrateQueue } from '../../server/src/modules/mail/mail-worker.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { databaseUrl, testDatabaseServer, withAdmin } from './database-server.js';

/** This run's databases are named `ras_portal_<pid>_…`, so runs side by side never touch each other's. */
const RUN_PREFIX = `ras_portal_${process.pid}_`;
export const TEMPLATE_DB = `${RUN_PREFIX}template`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runDatabases(c: pg.Client): Promise<{ datname: string; pid: number }[]> {
  const { rows } = await c.query<{ datname: string }>("select datname from pg_database where datname ~ '^ras_portal_[0-9]+_'");
  return rows.map((r) => ({ datname: r.datname, pid: Number(/^ras_portal_(\d+)_/.exec(r.datname)![1]) }));
}

/**
 * Once per run: a migrated template database. Each test file clones it (CREATE DATABASE … TEMPLATE), which takes
 * milliseconds instead of re-running migrations.
 */
export default async function setup(project: TestProject) {
  // The browser tests serve the built web client; build it once here (only when missing or stale), not per file.
  execSync('node client/build-if-stale.mjs', { stdio: ['ignore', 'inherit', 'inherit'] });
  const server = await testDatabaseServer();
  await withAdmin(server.adminUrl, async (c) => {
    // Databases left by an interrupted earlier run (its process is gone); a run going on beside this one keeps its own.
    for (const { datname, pid } of await runDatabases(c)) {
      if (!alive(pid)) await c.query(`drop database if exists "${datname}" with (force)`);
    }
    await c.query(`create database ${TEMPLATE_DB}`);
  });
  const url = databaseUrl(server.adminUrl, TEMPLATE_DB);
  const orm = await openProductOrm(url, 2);
  await migrate(orm);
  await orm.close(true);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // graphile-worker 0.18 warns about (and patches) a pool without error handlers; a failure here fails the setup anyway
  pool.on('error', (err) => console.error('template database connection failed', err));
  pool.on('connect', (client) => client.on('error', (err) => console.error('template database connection failed', err)));
  await migrateQueue(pool, createLogger('warn'));
  await pool.end();

  project.provide('adminUrl', server.adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    const othersRunning = await withAdmin(server.adminUrl, async (c) => {
      for (const { datname } of (await runDatabases(c)).filter((d) => d.pid === process.pid)) {
        await c.query(`drop database if exists "${datname}" with (force)`);
      }
      return (await runDatabases(c)).some((d) => alive(d.pid));
    });
    // A shared embedded server stays up while another run still uses it.
    if (!othersRunning) await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}
