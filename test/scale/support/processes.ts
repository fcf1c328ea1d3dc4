import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Debian's PostgreSQL 15 binaries (PG_BIN overrides). */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const root = process.getuid?.() === 0;

/**
 * PostgreSQL (initdb, pg_ctl, postgres) and PgBouncer refuse to run as root: as root, they run as the `postgres`
 * OS user (the Debian packages create it), otherwise as whoever runs the test.
 */
export function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export async function runAsPostgres(cmd: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [file, argv] = asPostgres(cmd, args);
  try {
    const { stdout, stderr } = await execFileAsync(file, argv, { timeout: timeoutMs });
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export function spawnAsPostgres(cmd: string, args: string[]): ChildProcess {
  const [file, argv] = asPostgres(cmd, args);
  return spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temporary directory the `postgres` OS user owns (it holds data directories, sockets, configs and logs). */
export function postgresTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  if (root) {
    const uid = Number(process.env.POSTGRES_UID ?? idOf('-u'));
    const gid = Number(process.env.POSTGRES_GID ?? idOf('-g'));
    chownSync(dir, uid, gid);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function idOf(flag: string): string {
  // the numeric ids of the `postgres` OS user
  return execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a command is on PATH (or an absolute path that exists). */
export async function hasCommand(cmd: string): Promise<boolean> {
  try {
    await execFileAsync('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}
