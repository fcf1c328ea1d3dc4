import { Migration } from '@mikro-orm/migrations';

/**
 * The staff operations on applicant accounts (docs/spec/staff.md "Applicant accounts", "Approvals"):
 * - `approval_request`, the dual-control requests (deletion, e-mail correction): at most one PENDING request of a kind
 *   per account, enforced here;
 * - `user_account.deleted_at` (when 抹消 was approved; the erasure job counts DELETED_RETENTION_DAYS from it) and
 *   `erased_at` (when its personal data was erased); birth date, sex and residence code may then be null — nothing
 *   on the applicant side reads an erased (DELETED) account;
 * - the indexes of the staff search (`applicants`): each filter and the order (by 認証ID) is served by an index, so no
 *   filter scans the table (test/server/applicant-admin/search-plan.test.ts). On a large live table a database
 *   administrator may build them first with CREATE INDEX CONCURRENTLY under the same names (docs/operations.md); the
 *   `if not exists` here then finds them done. The migration itself runs in the migrations' one transaction, where
 *   CONCURRENTLY is not allowed.
 * The application role gets its privileges on the new table from the grants repeated at every start
 * (server/src/db/app-role.ts: every table in public).
 */
export class Migration20261207050044_applicant_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table user_account add column deleted_at timestamptz null, add column erased_at timestamptz null;`);
    this.addSql(`alter table user_account alter column birth_date drop not null, alter column sex drop not null, alter column residence_code drop not null;`);

    this.addSql(`
      create table approval_request (
        id uuid primary key default gen_random_uuid(),
        kind varchar(20) not null check (kind in ('DELETION', 'EMAIL_CORRECTION')),
        state varchar(10) not null default 'PENDING' check (state in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
        user_id uuid not null references user_account (id),
        auth_id varchar(20) not null,
        new_email varchar(60) null,
        reason varchar(400) not null,
        reception_number varchar(40) null,
        requested_by uuid not null references staff_member (id),
        requested_at timestamptz not null,
        expires_at timestamptz not null,
        decided_by uuid null references staff_member (id),
        decided_at timestamptz null,
        decision_reason varchar(400) null,
        check ((kind = 'EMAIL_CORRECTION') = (new_email is not null) or state <> 'PENDING')
      );`);
    this.addSql(`create unique index approval_request_one_pending on approval_request (user_id, kind) where state = 'PENDING';`);
    this.addSql(`create index approval_request_state_idx on approval_request (state, requested_at);`);

    // the staff search (applicants): the 認証ID is unique already (its index also gives the order); lower(email) has
    // user_account_email_idx
    // collation "C": byte order, so a LIKE 'PREFIX%' uses the index and the same index gives the name search's order
    this.addSql(`create index if not exists user_account_name_prefix_idx on user_account ((name collate "C"), auth_id);`);
    this.addSql(`create index if not exists user_account_birth_date_idx on user_account (birth_date, auth_id);`);
    this.addSql(`create index if not exists user_account_status_idx on user_account (status, auth_id);`);
    // the few rows with a lock (current or past) in 認証ID order: "locked now" filters them without a sort
    this.addSql(`create index if not exists user_account_locked_idx on user_account (auth_id, locked_until) where locked_until is not null;`);
    // the erasure job's candidates
    this.addSql(`create index if not exists user_account_deleted_idx on user_account (deleted_at) where status = 'DELETED' and erased_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists approval_request;');
    this.addSql(
      'drop index if exists user_account_name_prefix_idx, user_account_birth_date_idx, user_account_status_idx, user_account_locked_idx, user_account_deleted_idx;',
    );
    this.addSql('alter table user_account drop column if exists deleted_at, drop column if exists erased_at;');
  }
}
