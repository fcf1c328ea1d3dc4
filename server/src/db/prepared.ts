import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a named (prepared) statement on the ORM's own `pg` pool: PostgreSQL parses and plans it once per connection
 * instead of once per call. For the statement every authenticated request runs (the session lookup). Outside any
 * transaction only.
 */
export async function queryPrepared<T>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = await em.getConnection().getNativeClient();
  return (await pool.query({ name, text, values })).rows as T[];
}
