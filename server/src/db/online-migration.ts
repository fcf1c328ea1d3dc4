import { Migration } from '@mikro-orm/migrations';
import pg from 'pg';

/**
 * A migration of a large live table that never holds a lock the product's requests wait on for long
 * (docs/operations.md "Migrations on large tables"). It runs outside the migrations' transaction
 * (`isTransactional()` false: db/orm.ts `migrate` runs it alone, between the transactional ones), on a connection
 * of its own, in steps that each commit:
 *
 * - `locked(sql)`: a statement that needs a strong lock only for a moment (ADD COLUMN without a volatile default,
 *   ADD CONSTRAINT … NOT VALID, SET NOT NULL over a validated check, DROP CONSTRAINT) runs with `lock_timeout` =
 *   LOCK_TIMEOUT_MS: while it waits for the lock, every request on the table queues behind it, so it gives up soon
 *   and tries again after a pause (ATTEMPTS times), instead of stalling the table behind one long transaction;
 * - `createIndex(name, definition)`: CREATE INDEX CONCURRENTLY (reads and writes go on while it builds); a build
 *   that failed half-way leaves an invalid index, which is dropped and built again;
 * - `backfill(…)`: an UPDATE in batches of `batchSize` rows by primary key, each its own short transaction;
 * - `addCheck` then `validate`: a constraint added NOT VALID (a moment's lock, no scan), then VALIDATEd (a scan that
 *   lets reads and writes through); `setNotNull` on top of a validated `col is not null` check needs no scan.
 *
 * Every step is idempotent: a migration stopped half-way (a deploy killed, a lock never granted) is run again from
 * the start at the next start-up and finds its finished steps done. Two instances starting at once run it one after
 * the other (an advisory lock on its connection). That connection must be a session of its own: PostgreSQL itself
 * or PgBouncer's session mode, not its transaction mode (MIGRATION_DATABASE_URL).
 */
export const LOCK_TIMEOUT_MS = 500;
const ATTEMPTS = 20;
/** one advisory lock for every online migration of the product */
const ADVISORY_KEY = 'ras-portal online migration';

export abstract class OnlineMigration extends Migration {
  override isTransactional(): boolean {
    return false;
  }

  /** The steps, on `db`. */
  protected abstract steps(db: OnlineSteps): Promise<void>;

  override async up(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.get('clientUrl') });
    await client.connect();
    try {
      // CONCURRENTLY builds and VALIDATE scans take as long as the table needs (they block nobody); the pool's 10 s
      // statement timeout (db/pooler.ts) is not for them
      await client.query('set statement_timeout = 0');
      await client.query('select pg_advisory_lock(hashtext($1))', [ADVISORY_KEY]);
      const log = (message: string) => this.config.getLogger().log('migrator', `${this.name ?? this.constructor.name}: ${message}`, { enabled: true });
      await this.steps(new OnlineSteps(client, log));
    } finally {
      await client.end();
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isLockTimeout = (err: unknown) => (err as { code?: string }).code === '55P03';

export class OnlineSteps {
  constructor(
    readonly client: pg.Client,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * `sql` in a transaction of its own under a short lock_timeout, tried again after a growing pause while a lock is
   * not granted in time (ATTEMPTS times); any other error ends it. Returns the statement's rows.
   */
  private async shortLocked<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.query('begin');
        await this.client.query(`set local lock_timeout = ${LOCK_TIMEOUT_MS}`);
        const { rows } = await this.client.query<R>(sql, values);
        await this.client.query('commit');
        return rows;
      } catch (err) {
        await this.client.query('rollback');
        if (!isLockTimeout(err) || attempt === ATTEMPTS) throw err;
        this.log(`lock not granted within ${LOCK_TIMEOUT_MS} ms (attempt ${attempt}), trying again: ${sql.trim().split('\n')[0]}`);
        await pause(Math.min(200 * attempt, 2000));
      }
    }
  }

  /** One statement under a short lock_timeout, tried again after a pause while the lock is not granted in time. */
  async locked(sql: string): Promise<void> {
    await this.shortLocked(sql);
  }

  /**
   * CREATE INDEX CONCURRENTLY `name` `definition` (`on table (columns) [where …]`, written after the name). An
   * invalid index of that name (a build that failed or was interrupted) is dropped first; a valid one is kept.
   */
  async createIndex(name: string, definition: string, unique = false): Promise<void> {
    const { rows } = await this.client.query<{ valid: boolean }>(
      `select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
       where c.relname = $1 and c.relnamespace = 'public'::regnamespace`,
      [name],
    );
    if (rows[0]?.valid) return;
    if (rows[0]) {
      this.log(`dropping the invalid index ${name} left by an interrupted build`);
      await this.client.query(`drop index concurrently if exists ${name}`);
    }
    this.log(`building ${name} concurrently`);
    await this.client.query(`create ${unique ? 'unique ' : ''}index concurrently ${name} ${definition}`);
  }

  /**
   * `update table set <set> where <where>` in batches of `batchSize` rows in the order of the primary key `key`,
   * each batch its own transaction under the short lock_timeout (a row a request holds makes the batch give up and
   * try again, not wait), with a pause between batches for the product's own writes, autovacuum and replicas.
   * `where` picks the rows still to do, so a second run finds nothing. Returns the rows updated.
   */
  async backfill(opts: { table: string; set: string; where: string; key?: string; batchSize?: number; pauseMs?: number }): Promise<number> {
    const { table, set, where, key = 'id', batchSize = 5000, pauseMs = 10 } = opts;
    const type = await this.keyType(table, key);
    let after: string | null = null;
    let updated = 0;
    for (;;) {
      const sql: string = `with batch as (select ${key} from ${table} ${after === null ? '' : `where ${key} > $1::${type}`} order by ${key} limit ${batchSize}),
                   done as (update ${table} set ${set} from batch where ${table}.${key} = batch.${key} and (${where}) returning 1)
                   select (select ${key}::text from batch order by ${key} desc limit 1) as last, (select count(*) from done)::int as n`;
      const [row]: { last: string | null; n: number }[] = await this.shortLocked(sql, after === null ? [] : [after]);
      if (row.last === null) break;
      after = row.last;
      updated += row.n;
      if (pauseMs) await pause(pauseMs);
    }
    this.log(`backfilled ${updated} rows of ${table}`);
    return updated;
  }

  private async keyType(table: string, key: string): Promise<string> {
    const { rows } = await this.client.query<{ t: string }>(
      'select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = $1::regclass and attname = $2', [table, key]);
    if (!rows[0]) throw new Error(`${table} has no column ${key}`);
    return rows[0].t;
  }

  /** ALTER TABLE … ADD CONSTRAINT `name` CHECK (`check`) NOT VALID, unless the constraint exists. */
  async addCheck(table: string, name: string, check: string): Promise<void> {
    if (await this.hasConstraint(table, name)) return;
    await this.locked(`alter table ${table} add constraint ${name} check (${check}) not valid`);
  }

  /** VALIDATE CONSTRAINT: scans the table under SHARE UPDATE EXCLUSIVE, which lets reads and writes through. */
  async validate(table: string, name: string): Promise<void> {
    this.log(`validating ${name}`);
    await this.client.query(`alter table ${table} validate constraint ${name}`);
  }

  /**
   * SET NOT NULL without a scan: PostgreSQL takes a validated `column is not null` check (`check`, from addCheck and
   * validate) as the proof, so the statement holds its lock only for a moment; the check is dropped afterwards.
   */
  async setNotNull(table: string, column: string, check: string): Promise<void> {
    await this.locked(`alter table ${table} alter column ${column} set not null`);
    await this.locked(`alter table ${table} drop constraint if exists ${check}`);
  }

  private async hasConstraint(table: string, name: string): Promise<boolean> {
    const { rows } = await this.client.query('select 1 from pg_constraint where conrelid = $1::regclass and conname = $2', [table, name]);
    return rows.length > 0;
  }
}
