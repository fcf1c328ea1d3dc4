import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl, withAdmin } from './database-server.js';

/** A fresh database for one test file: a clone of the migrated template (or empty, to test migrations on start). */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminUrl');
  // ras_portal_<pid of the run>_<random>: the run's prefix, taken from its template's name
  const name = `${inject('templateDb').replace(/template$/, '')}${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(opts.empty ? `create database ${name}` : `create database ${name} template ${inject('templateDb')}`);
        return;
      } catch (err) {
        // Two clones starting at the same instant can collide on the template; try again shortly.
        if (attempt >= 20 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`).then(() => undefined)),
  };
}

/**
 * A pool on a test database for checks the API does not expose. `pool.end()` resolves before its connections have
 * closed, so dropping the database right after (WITH FORCE) can terminate one of them mid-close; that termination
 * (57P01, "administrator command") is not an error of the test. Any other error of an idle connection still is.
 */
export function testPool(url: string, max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
  return pool;
}
