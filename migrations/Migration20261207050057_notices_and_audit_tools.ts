import { Migration } from '@mikro-orm/migrations';

/**
 * The notices editor (staff.md "Notices"): a notice gets a publication window (`publish_from`, `publish_until`; no
 * `publish_from` = a draft, no `publish_until` = open-ended), a withdrawal time, who created and last changed it, and
 * timestamps. Existing rows stay published: their `publish_from` is the start of their `published_on` day in Japan,
 * and `published_on` goes (the applicant `notices` query derives its `publishedOn` from `publish_from`). Also indexes
 * the audit trail's action and request id for the audit viewer's filters.
 */
export class Migration20261207050057_notices_and_audit_tools extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table notice
        add column publish_from timestamptz null,
        add column publish_until timestamptz null,
        add column withdrawn_at timestamptz null,
        add column created_by uuid null references staff_member (id),
        add column updated_by uuid null references staff_member (id),
        add column created_at timestamptz null,
        add column updated_at timestamptz null;`);
    this.addSql(`
      update notice set
        publish_from = published_on::timestamp at time zone 'Asia/Tokyo',
        created_at = published_on::timestamp at time zone 'Asia/Tokyo',
        updated_at = published_on::timestamp at time zone 'Asia/Tokyo';`);
    this.addSql(`alter table notice alter column created_at set not null, alter column updated_at set not null, drop column published_on;`);
    this.addSql(`alter table notice add constraint notice_window check (publish_until is null or (publish_from is not null and publish_until > publish_from));`);
    // the applicant query: the notices not withdrawn, by their start
    this.addSql(`create index notice_live_idx on notice (publish_from desc) where withdrawn_at is null and publish_from is not null;`);

    this.addSql(`create index audit_event_action_idx on audit_event (action, seq);`);
    this.addSql(`create index audit_event_request_idx on audit_event (request_id) where request_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists audit_event_action_idx, audit_event_request_idx;');
    this.addSql(`alter table notice add column published_on date null;`);
    this.addSql(`update notice set published_on = coalesce((publish_from at time zone 'Asia/Tokyo')::date, created_at::date);`);
    this.addSql(`
      alter table notice alter column published_on set not null, drop constraint notice_window,
        drop column publish_from, drop column publish_until, drop column withdrawn_at, drop column created_by,
        drop column updated_by, drop column created_at, drop column updated_at;`);
  }
}
