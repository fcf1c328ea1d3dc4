import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { writeText } from './postgres-cluster.js';
import { sleep, spawnAsPostgres } from './processes.js';

/**
 * Debian's PgBouncer (1.18) in front of the product's database, with two entries on the same server:
 * - `portal`: transaction pooling, for the product (DATABASE_URL with DATABASE_POOLER=transaction);
 * - `portal_session`: session pooling, for the mail worker (WORKER_DATABASE_URL: LISTEN) and migrations.
 * `server_login_retry = 1`: after a failed connect PgBouncer waits this long before the next (default 15 s, which
 * would stretch a failover's error window by as much).
 */
/**
 * Session mode holds a server connection per client connection for as long as the client keeps it: each worker's pool
 * (up to 6: graphile-worker's LISTEN connection, its jobs, the cron) must fit, or its connections queue and are cut
 * after query_wait_timeout.
 */
const SESSION_POOL_SIZE = 20;

export class PgBouncer {
  private child: ChildProcess | undefined;
  private output = '';
  readonly iniFile: string;

  constructor(
    readonly dir: string,
    readonly port: number,
    private databasePort: number,
    readonly poolSize = 20,
  ) {
    this.iniFile = path.join(dir, 'pgbouncer.ini');
  }

  url(database: 'portal' | 'portal_session', user = 'portal_app'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${database}`;
  }

  private writeConfig(): void {
    writeText(path.join(this.dir, 'userlist.txt'), '"postgres" ""\n"portal_app" ""\n');
    writeText(
      this.iniFile,
      `[databases]
portal = host=127.0.0.1 port=${this.databasePort} dbname=portal pool_mode=transaction
portal_session = host=127.0.0.1 port=${this.databasePort} dbname=portal pool_mode=session pool_size=${SESSION_POOL_SIZE}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${this.port}
unix_socket_dir = ${this.dir}
auth_type = trust
auth_file = ${path.join(this.dir, 'userlist.txt')}
admin_users = postgres
pool_mode = transaction
max_client_conn = 1000
default_pool_size = ${this.poolSize}
server_login_retry = 1
server_connect_timeout = 3
query_wait_timeout = 10
logfile = ${path.join(this.dir, 'pgbouncer.log')}
pidfile = ${path.join(this.dir, 'pgbouncer.pid')}
`,
    );
  }

  async start(): Promise<void> {
    this.writeConfig();
    this.child = spawnAsPostgres('pgbouncer', [this.iniFile]);
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await this.admin('SHOW VERSION');
        return;
      } catch (err) {
        if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`pgbouncer did not start: ${String(err)}\n${this.output}`);
        await sleep(100);
      }
    }
  }

  /** A command on the admin console (the `pgbouncer` database). */
  async admin(command: string): Promise<pg.QueryResultRow[]> {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/pgbouncer` });
    await client.connect();
    try {
      return (await client.query(command)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The failover step of docs/operations.md: both entries to the new primary, then RELOAD. */
  async repoint(databasePort: number): Promise<void> {
    this.databasePort = databasePort;
    this.writeConfig();
    await this.admin('RELOAD');
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    // PgBouncer itself (runuser's child): SIGTERM shuts it down at once
    try {
      process.kill(Number(readFileSync(path.join(this.dir, 'pgbouncer.pid'), 'utf8').trim()), 'SIGTERM');
    } catch {
      this.child.kill('SIGTERM');
    }
    await Promise.race([exited, sleep(5_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
