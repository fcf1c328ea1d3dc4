import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import { pgPoolOptions, type Pooler } from './pooler.js';

/**
 * Ends a pg pool and waits (up to `timeoutMs`) until its connections have really closed. pg's Pool.end() resolves as
 * soon as it has *asked* them to end, so stopping the embedded database right after terminated them mid-close (logged
 * as "terminating connection due to administrator command"; seen on a loaded machine in
 * test/e2e/embedded-start.test.ts). pg-pool emits 'remove' once a connection's end has completed. `end` is what ends
 * the pool: its owner's close (the ORM's), when it has one.
 */
export async function endPool(pool: pg.Pool, end: () => Promise<unknown> = () => pool.end(), timeoutMs = 5_000): Promise<void> {
  const open = pool.totalCount;
  let removed = 0;
  const onRemove = () => removed++;
  pool.on('remove', onRemove);
  try {
    await end();
    const deadline = Date.now() + timeoutMs;
    while (removed < open && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    pool.off('remove', onRemove);
  }
}

/**
 * The pool of the mail queue and the rate limits. A dropped connection (the database restarting) is logged, never
 * fatal; once `close()` has begun, the connections' ends are expected and not logged.
 */
export function createPool(connectionString: string, log: Logger, max = 6, pooler: Pooler | 'session' = 'none'): { pool: pg.Pool; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max, ...pgPoolOptions(pooler) });
  let closing = false;
  pool.on('connect', (client) =>
    client.on('error', (err) => {
      if (!closing) log.warn({ err: err.message }, 'database connection failed');
    }),
  );
  pool.on('error', (err) => {
    if (!closing) log.warn({ err: err.message }, 'idle database connection failed');
  });
  return {
    pool,
    close() {
      closing = true;
      return endPool(pool);
    },
  };
}
