import { expect } from 'vitest';
import type { GqlOptions, GqlResponse, TestServer } from './test-server.js';
import { LOGIN, PASSWORD } from './fixtures.js';

/** Half-width ASCII → full-width (`abc123` → `ａｂｃ１２３`), as a user with a Japanese IME would type it. */
export function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** The spellings of one 認証ID that rules.md §1 maps to the same account. */
export function authIdVariants(authId: string): { label: string; value: string }[] {
  return [
    { label: 'upper case', value: authId.toUpperCase() },
    { label: 'full-width', value: fullWidth(authId) },
    { label: 'full-width upper case', value: fullWidth(authId.toUpperCase()) },
    { label: 'surrounding spaces', value: `  ${authId} ` },
    { label: 'surrounding ideographic spaces', value: `\u3000${authId}\u3000` },
  ];
}

/** Calls `login` and returns the union member (the response must have no top-level errors). */
export async function login(server: TestServer, authId: string | null | undefined, password: string | null | undefined = PASSWORD, opts: GqlOptions = {}) {
  const res = await server.gql(LOGIN, { input: { authId, password } }, opts);
  if (res.errors?.length || !res.data?.login) throw new Error(`login answered with top-level errors: ${JSON.stringify(res)}`);
  return res.data.login as Record<string, any>;
}

/** Expects exactly one top-level error with this `extensions.code`, and returns it. */
export function expectTopLevel(res: GqlResponse, code: string) {
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  const [err] = res.errors!;
  expect(err.extensions?.code).toBe(code);
  return err;
}

export interface AccountRow {
  status: string;
  failed_login_count: number;
  locked_until: Date | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  last_login_at: Date | null;
  previous_login_at: Date | null;
  email: string;
}

export async function accountRow(server: TestServer, userId: string): Promise<AccountRow> {
  const { rows } = await server.db.query<AccountRow>(
    `select status, failed_login_count, locked_until, password_hash, password_changed_at, last_login_at, previous_login_at, email
     from user_account where id = $1`,
    [userId],
  );
  if (!rows[0]) throw new Error(`no user ${userId}`);
  return rows[0];
}

export async function countRows(server: TestServer, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await server.db.query<{ n: string }>(`select count(*) as n from (${sql}) as q`, params);
  return Number(rows[0].n);
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
