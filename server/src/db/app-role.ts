import type pg from 'pg';
import type { Logger } from '../lib/logger.js';
import { APP_ROLE } from '../../../migrations/Migration20261207033638_staff_back_office.js';

export { APP_ROLE };

/**
 * The privileges of the application's role (docs/operations.md "The application's database role"): read and write on
 * the product's tables and the mail queue, but the audit trail only SELECT and INSERT (its head SELECT and UPDATE),
 * and the migrations' bookkeeping only SELECT; graphile-worker's row-level security lets it through by a policy. Run after every start's migrations, by the role that ran them, so
 * tables of later migrations and graphile-worker's schema (migrated after the product's) are covered too.
 */
const GRANTS = `do $$ declare t name; begin
  if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then return; end if;
  grant usage on schema public to ${APP_ROLE};
  grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};
  revoke update, delete, truncate, references, trigger on audit_event from ${APP_ROLE};
  revoke insert, delete, truncate, references, trigger on audit_head from ${APP_ROLE};
  revoke insert, update, delete, truncate on mikro_orm_migrations from ${APP_ROLE};
  grant usage, select on all sequences in schema public to ${APP_ROLE};
  if exists (select 1 from pg_namespace where nspname = 'graphile_worker') then
    grant usage on schema graphile_worker to ${APP_ROLE};
    grant select, insert, update, delete on all tables in schema graphile_worker to ${APP_ROLE};
    grant usage, select on all sequences in schema graphile_worker to ${APP_ROLE};
    grant execute on all functions in schema graphile_worker to ${APP_ROLE};
    -- graphile-worker turns row-level security on for its tables (only their owner passes by default): the
    -- application role gets a policy that lets it through, the same rights the owner has
    for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'graphile_worker' and c.relkind = 'r' and c.relrowsecurity loop
      if not exists (select 1 from pg_policies where schemaname = 'graphile_worker' and tablename = t and policyname = '${APP_ROLE}_all') then
        execute format('create policy ${APP_ROLE}_all on graphile_worker.%I for all to ${APP_ROLE} using (true) with check (true)', t);
      end if;
    end loop;
  end if;
end $$`;

/**
 * Grants the application role its privileges when the role exists. A migrating role that may not grant (it owns
 * nothing, e.g. the application role itself when no MIGRATION_DATABASE_URL is set) only logs why.
 */
export async function grantApplicationRole(pool: pg.Pool, log: Logger): Promise<void> {
  try {
    await pool.query(GRANTS);
  } catch (err) {
    log.warn({ err: (err as Error).message, role: APP_ROLE }, 'could not grant the application role its privileges');
  }
}
