import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { execSync } from 'node:child_process';
import { migrate, openOrm } from '../../server/src/db/orm.js';
import { migrateQueue } from '../../server/src/modules/mail/mail-worker.js';
import { createLogger } from '../../server/src/lib/logger.js';
import { databaseUrl, testDatabaseServer, withAdmin } from './database-server.js';

export const TEMPLATE_DB = 'ras_portal_template';

/**
 * Once per run: a migrated template database. Each test file clones it (CREATE DATABASE … TEMPLATE), which takes
 * milliseconds instead of re-running migrations.
 */
export default async function setup(project: TestProject) {
  // The browser tests serve the built web client; build it once here (only when missing or stale), not per file.
  execSync('node client/build-if-stale.mjs', { stdio: ['ignore', 'inherit', 'inherit'] });
  const server = await testDatabaseServer();
  await withAdmin(server.adminUrl, async (c) => {
    // Databases left by an interrupted earlier run.
    const { rows } = await c.query<{ datname: string }>("select datname from pg_database where datname like 'ras_portal_%'");
    for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
    await c.query(`create database ${TEMPLATE_DB}`);
  });
  const url = databaseUrl(server.adminUrl, TEMPLATE_DB);
  const orm = await openOrm(url, 2);
  await migrate(orm);
  await orm.close(true);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await migrateQueue(pool, createLogger('warn'));
  await pool.end();

  project.provide('adminUrl', server.adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    await withAdmin(server.adminUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>("select datname from pg_database where datname like 'ras_portal_%'");
      for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
    });
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}
