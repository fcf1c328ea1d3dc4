import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The migrations must not lock a large table for long (issue 21; docs/operations.md "Migrations on large tables").
 * Reads each migration's up() and finds the statements that, on a table of a million rows, hold a lock every request
 * waits on for as long as the statement runs:
 *
 * - `plain-index`: CREATE INDEX without CONCURRENTLY (writes wait for the whole build);
 * - `volatile-default`: ADD COLUMN with a volatile default or a serial/identity/stored generated column (the table is
 *   rewritten under an exclusive lock; a constant default, or now(), is only a catalog entry since PostgreSQL 11);
 * - `update-backfill`: an UPDATE of a whole table in one statement (every row locked until it ends, the table's
 *   dead rows in one go) — use OnlineSteps.backfill;
 * - `validating-constraint`: ADD CONSTRAINT CHECK / FOREIGN KEY without NOT VALID (a full scan under the lock) — add
 *   it NOT VALID, then VALIDATE;
 * - `scanning-not-null`: SET NOT NULL in one step (a full scan under an exclusive lock) — over a validated check
 *   (OnlineSteps.setNotNull) it needs none.
 *
 * Only for the tables that grow with the applicants, and not for a table the same migration creates (still empty).
 * ALLOWED lists the migrations from before this rule, which ran on empty tables, each with what it does.
 */
const LARGE_TABLES = new Set([
  'user_account', 'session', 'email_link', 'mail_outbox', 'auth_event', 'password_reminder', 'rate_limit',
  'approval_request', 'coe', 'coe_event', 'audit_event',
]);

const ALLOWED: Record<string, string[]> = {
  // the migrations from before this rule, which ran on empty tables; for a database that held data before one of them,
  // docs/operations.md gives the CONCURRENTLY builds to run first under the same names
  Migration20261201000000_self_service: ['plain-index user_account', 'validating-constraint session'],
  Migration20261207050044_applicant_admin: ['plain-index user_account'],
  Migration20261207050057_notices_and_audit_tools: ['plain-index audit_event'],
};

const VOLATILE = /\bdefault\s+(?:random|gen_random_uuid|uuid_generate_v\w+|clock_timestamp|timeofday|nextval)\s*\(|\b(?:small|big)?serial\b|\bgenerated\s+(?:always|by\s+default)\s+as\s+(?:identity|\([^]*?\)\s*stored)/;

/** The SQL-ish text of a migration's up(): comments dropped, whitespace folded, lower case. */
function upText(source: string): string {
  const up = source.split(/\boverride\s+async\s+down\s*\(/)[0];
  return up
    .replace(/\/\*[^]*?\*\//g, ' ')
    .replace(/^\s*\/\/.*$/gm, ' ')
    .replace(/--[^\n`]*/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Each finding as `<rule> <table>`. */
function findings(source: string): string[] {
  const text = upText(source);
  const created = new Set([...text.matchAll(/create table (?:if not exists )?(\w+)/g)].map((m) => m[1]));
  const large = (table: string) => LARGE_TABLES.has(table) && !created.has(table);
  const out: string[] = [];
  for (const m of text.matchAll(/create (?:unique )?index (concurrently )?(?:if not exists )?\w+ on (?:only )?(\w+)/g)) {
    if (!m[1] && large(m[2])) out.push(`plain-index ${m[2]}`);
  }
  for (const m of text.matchAll(/\bupdate (\w+) set\b/g)) if (large(m[1])) out.push(`update-backfill ${m[1]}`);
  // each ALTER TABLE up to the end of its statement (a semicolon or the end of its string)
  for (const m of text.matchAll(/alter table (?:if exists )?(?:only )?(\w+) ([^;`'"]*)/g)) {
    const [, table, actions] = m;
    if (!large(table)) continue;
    for (const clause of actions.split(/,\s*(?=add |alter |drop |validate |rename |set )/)) {
      if (/^add column/.test(clause) && VOLATILE.test(clause)) out.push(`volatile-default ${table}`);
      if (/^add constraint \w+ (?:check|foreign key)/.test(clause) && !/not valid/.test(clause)) out.push(`validating-constraint ${table}`);
      if (/^alter column \w+ set not null/.test(clause)) out.push(`scanning-not-null ${table}`);
    }
  }
  return [...new Set(out)].sort();
}

const dir = path.resolve(import.meta.dirname, '../../../migrations');
const files = readdirSync(dir).filter((f) => /^Migration\d{14}_\w+\.ts$/.test(f));

describe('migrations on large tables', () => {
  it.each(files)('%s holds no lock for the length of a table scan', (file) => {
    const name = file.replace(/\.ts$/, '');
    expect(findings(readFileSync(path.join(dir, file), 'utf8'))).toEqual((ALLOWED[name] ?? []).sort());
  });

  it('finds each anti-pattern, and passes the documented pattern', () => {
    const bad = `
      override async up(): Promise<void> {
        this.addSql('create index user_account_x_idx on user_account (x);');
        this.addSql('alter table session add column token uuid not null default gen_random_uuid();');
        this.addSql('alter table coe add column n bigserial;');
        this.addSql('update audit_event set x = 1;');
        this.addSql('alter table user_account add constraint c check (x > 0);');
        this.addSql('alter table user_account alter column x set not null;');
      }`;
    expect(findings(bad)).toEqual([
      'plain-index user_account', 'scanning-not-null user_account', 'update-backfill audit_event',
      'validating-constraint user_account', 'volatile-default coe', 'volatile-default session',
    ]);
    const good = `
      override async up(): Promise<void> {
        this.addSql('create table thing (id uuid primary key);');
        this.addSql('create index thing_idx on thing (id);');
        this.addSql('alter table user_account add column x timestamptz null default now();');
        this.addSql('alter table user_account add constraint c check (x is not null) not valid;');
      }
      override async down(): Promise<void> {
        this.addSql('update user_account set x = null;');
      }`;
    expect(findings(good)).toEqual([]);
    // the representative online migration of the scale test
    const example = readFileSync(path.resolve(import.meta.dirname, '../../scale/support/example-online-migration.ts'), 'utf8');
    expect(findings(example)).toEqual([]);
  });
});
