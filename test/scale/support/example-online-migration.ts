import { OnlineMigration, type OnlineSteps } from '../../../server/src/db/online-migration.js';

/**
 * A representative migration of a large live table written the documented way (docs/operations.md "Migrations on
 * large tables"), for test/scale/migration-locks.test.ts: a new column on user_account computed from an existing one
 * — the upper-cased name, for a case-blind search — filled in for every row, indexed, and made NOT NULL. Not one of
 * the product's migrations (migrations/index.ts does not list it); the test appends it to the product's list.
 *
 * New rows get the column from the code deployed before this migration runs (expand, then migrate, then contract);
 * here nothing inserts accounts while it runs.
 */
export class Migration20270101000000_example_name_search extends OnlineMigration {
  protected override async steps(db: OnlineSteps): Promise<void> {
    // nullable and without a default: only the catalog changes, under a lock held for a moment
    await db.locked('alter table user_account add column if not exists name_search varchar(104) null');
    // before the index, so that each row's index entry is written once, by the build
    await db.backfill({ table: 'user_account', set: 'name_search = upper(name)', where: 'name_search is null' });
    await db.createIndex('user_account_name_search_idx', 'on user_account (name_search, auth_id)');
    await db.addCheck('user_account', 'user_account_name_search_present', 'name_search is not null');
    await db.validate('user_account', 'user_account_name_search_present');
    await db.setNotNull('user_account', 'name_search', 'user_account_name_search_present');
  }
}
