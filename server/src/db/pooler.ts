import pg from 'pg';

/**
 * What sits between the product and PostgreSQL (DATABASE_POOLER, docs/operations.md "PgBouncer"):
 * - `none`: PostgreSQL itself, or a pool that hands each client one server connection for its whole session
 *   (PgBouncer's session mode);
 * - `transaction`: PgBouncer in transaction mode, which hands a client a server connection per transaction only.
 *   Nothing that lives on a server connection beyond one transaction survives there: named prepared statements
 *   (PgBouncer 1.18 passes them through to whichever server connection comes next, which has never seen them —
 *   "prepared statement … does not exist"; 1.21+ can track them, older ones cannot), session settings sent at
 *   connect (PgBouncer refuses unknown start-up parameters such as statement_timeout), LISTEN and session advisory
 *   locks (the mail worker's: it needs WORKER_DATABASE_URL, a session-mode pool or a direct connection).
 */
export type Pooler = 'none' | 'transaction';

/** Bounds every statement so a stuck query fails cleanly (WZBAM098E) instead of holding a connection forever. */
export const STATEMENT_TIMEOUT_MS = 10_000;

/**
 * pg's Client, except that a statement given a name (pg's `{ name, text, values }`, which PostgreSQL parses once
 * per connection) is sent unnamed: parsed and planned on every call, like any other query, but valid on whatever
 * server connection PgBouncer picks. Used for every pool of a `transaction`-mode process, so the product's own
 * named statements (db/prepared.ts) and those of libraries (rate-limiter-flexible's) need no switch of their own.
 * Cursors and other submittables (objects with a `submit` method) pass unchanged: they carry no name here.
 */
export class UnnamedStatementClient extends pg.Client {}
const namedQuery = pg.Client.prototype.query;
(UnnamedStatementClient.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  config: unknown,
  ...rest: unknown[]
) {
  if (config && typeof config === 'object' && typeof (config as { submit?: unknown }).submit !== 'function' && 'name' in config) {
    const { name: _unused, ...unnamed } = config as { name?: string };
    config = unnamed;
  }
  return (namedQuery as (...args: unknown[]) => unknown).call(this, config, ...rest);
};

/**
 * The options of a pg Pool for the pooler (`session`: a session-mode entry of the same PgBouncer): directly (or in session mode) the statement timeout is a setting of the
 * connection; behind a transaction pooler it cannot be one (PgBouncer refuses it at connect, and a SET would stay on
 * a server connection others share), so it is the application role's own (`alter role … set statement_timeout`),
 * which a start-up check reports when missing (app.ts).
 */
export function pgPoolOptions(pooler: Pooler | 'session'): Pick<pg.PoolConfig, 'statement_timeout' | 'Client'> {
  if (pooler === 'transaction') return { Client: UnnamedStatementClient };
  // the worker's connection of a DATABASE_POOLER=transaction setup (WORKER_DATABASE_URL): PgBouncer's session mode
  // refuses the start-up parameter as well; names are fine there, and the role's timeout applies
  if (pooler === 'session') return {};
  return { statement_timeout: STATEMENT_TIMEOUT_MS };
}
