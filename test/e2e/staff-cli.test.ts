import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * `npm run staff -- create-admin …` as a real process (staff.md "Staff authentication"): the first STAFF_ADMIN and
 * its enrolment link on stdout, refused while an active admin exists unless --force, audited; on DATABASE_URL or,
 * like npm start, on the embedded database.
 */
const CLI = ['--require', './server/preload/index.cjs', '--import', 'tsx', 'server/src/cli/staff.ts'];

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

describe('npm run staff -- create-admin', () => {
  it('on DATABASE_URL: prints the link alone on stdout, refuses a second admin unless --force, audits, explains bad options', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url, PUBLIC_URL: 'https://portal.example.jp' };
    const first = await runCli(['create-admin', '--login-id', 'Admin@Immi.example.go.jp', '--name', '管理 一郎', '--bureau', 'tokyo', '--roles', 'STAFF_ADMIN,SUPERVISOR'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^https:\/\/portal\.example\.jp\/staff\/enrol\?token=[\w-]+\n$/);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanups.push(() => client.end());
    const { rows } = await client.query("select id, login_id, bureau, roles, status, password_hash from staff_member");
    expect(rows).toMatchObject([{ login_id: 'admin@immi.example.go.jp', bureau: 'TOKYO', roles: ['STAFF_ADMIN', 'SUPERVISOR'], status: 'ACTIVE', password_hash: null }]);
    const audit = await client.query("select staff_id, action, target, details from audit_event");
    expect(audit.rows).toMatchObject([{ staff_id: null, action: 'STAFF_ADMIN_BOOTSTRAPPED', target: rows[0].id, details: { force: false, activeAdminsBefore: 0 } }]);

    const second = await runCli(['create-admin', '--login-id', 'second@immi.example.go.jp', '--name', 'B', '--bureau', 'OSAKA'], env);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('An active STAFF_ADMIN exists already');
    const forced = await runCli(['create-admin', '--login-id', 'second@immi.example.go.jp', '--name', 'B', '--bureau', 'OSAKA', '--force'], env);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await client.query("select roles from staff_member where login_id = 'second@immi.example.go.jp'")).rows[0].roles).toEqual(['STAFF_ADMIN']);

    const bad = await runCli(['create-admin', '--login-id', 'nope', '--bureau', 'KYOTO', '--force'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--login-id: The login ID (e-mail address) you entered is not valid.');
    expect(bad.stderr).toContain('--name: Please fill in the items marked "!".');
    expect(bad.stderr).toContain('--bureau: The bureau you entered is not valid.');
    const usage = await runCli(['make-admin'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run staff -- create-admin');
  });

  it('on the embedded database of npm start: the link it prints opens the enrolment on the started server', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ras-portal-staff-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), DATABASE_URL: '', SMTP_URL: '' };
    const cli = await runCli(['create-admin', '--login-id', 'first@immi.example.go.jp', '--name', '最初 の管理者', '--bureau', 'SAPPORO'], { ...env, PUBLIC_URL: 'http://localhost:3999' });
    expect(cli.code, cli.stderr).toBe(0);
    const token = new URL(cli.stdout.trim()).searchParams.get('token')!;

    const server = await startServerProcess(env);
    cleanups.push(() => server.stop());
    const res = await fetch(`${server.url}/staff/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($t: String!) { staffEnrolment(token: $t) { loginId bureau totpSecret } }', variables: { t: token } }),
    });
    const body = (await res.json()) as { data: { staffEnrolment: { loginId: string; bureau: string; totpSecret: string } } };
    expect(body.data.staffEnrolment).toMatchObject({ loginId: 'first@immi.example.go.jp', bureau: 'SAPPORO' });
  });
});
