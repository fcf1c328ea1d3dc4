import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PG_BIN, runAsPostgres } from './processes.js';

/**
 * One PostgreSQL 15 server of its own (never the machine's cluster): a data directory under `dir`, listening on
 * 127.0.0.1:`port` with trust authentication, WAL for a streaming replica.
 */
export class PostgresNode {
  readonly dataDir: string;
  readonly logFile: string;

  constructor(
    readonly dir: string,
    readonly name: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(dir, name);
    this.logFile = path.join(dir, `${name}.log`);
  }

  url(database = 'postgres', user = 'postgres'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * A new primary. `synchronous_standby_names = '*'` (unless `synchronousStandby: false`, for a primary alone): a commit is acknowledged only once a standby has it, so
   * promoting the standby loses no transaction a client was told succeeded (with asynchronous replication the last
   * commits before a crash can be missing on the standby).
   */
  static async primary(dir: string, port: number, opts: { synchronousStandby?: boolean } = {}): Promise<PostgresNode> {
    const node = new PostgresNode(dir, 'primary', port);
    await runAsPostgres(path.join(PG_BIN, 'initdb'), ['-D', node.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    appendFileSync(
      path.join(node.dataDir, 'postgresql.conf'),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        `synchronous_standby_names = '${opts.synchronousStandby === false ? '' : '*'}'`,
        'shared_buffers = 32MB',
        'max_connections = 120',
        '',
      ].join('\n'),
    );
    await node.start();
    return node;
  }

  /**
   * A streaming replica of `primary` (pg_basebackup -R). Its own settings follow the copied ones: its port, and no
   * synchronous standby of its own (promoted, it would otherwise wait for a standby it does not have).
   */
  static async replicaOf(primary: PostgresNode, port: number): Promise<PostgresNode> {
    const node = new PostgresNode(primary.dir, 'replica', port);
    await runAsPostgres(path.join(PG_BIN, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', node.dataDir, '-R', '-X', 'stream']);
    appendFileSync(path.join(node.dataDir, 'postgresql.conf'), [`port = ${port}`, "synchronous_standby_names = ''", ''].join('\n'));
    await node.start();
    return node;
  }

  async start(): Promise<void> {
    await runAsPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', 'start']);
  }

  /** `immediate`: as a crash would (no checkpoint, connections cut). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await runAsPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, '-m', mode, '-w', 'stop']).catch(() => undefined);
  }

  async promote(): Promise<void> {
    await runAsPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', this.dataDir, '-w', '-t', '60', 'promote']);
  }

  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = [], database = 'portal'): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Waits until the replica has replayed everything the primary has written (for checks right after setup). */
  static async waitForReplay(primary: PostgresNode, replica: PostgresNode, timeoutMs = 30_000): Promise<void> {
    const [{ lsn }] = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn', [], 'postgres');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ caught }] = await replica.query<{ caught: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as caught', [lsn], 'postgres');
      if (caught) return;
      if (Date.now() > deadline) throw new Error('the replica did not catch up');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The product's database on a new primary, as docs/operations.md describes it: the database `portal`, the group role
 * `ras_portal_app` and a login role `portal_app` in it whose statement timeout is the role's (behind a transaction
 * pooler the product cannot set it per connection).
 */
export async function createProductDatabase(primary: PostgresNode): Promise<void> {
  await primary.query('create database portal', [], 'postgres');
  await primary.query(
    `create role ras_portal_app nologin;
     create role portal_app login in role ras_portal_app;
     alter role portal_app set statement_timeout = '10s'`,
    [],
    'postgres',
  );
}

export function writeText(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o644 });
}
