import { Migration } from '@mikro-orm/migrations';

/**
 * The electronic Certificate of Eligibility (issue 20, docs/spec/coe.md): the COE, its history, the per-bureau-and-year
 * serial counter, and the outbox's HTML part and inline attachments (the COE mail's QR code). The application role's
 * grants follow on every start (server/src/db/app-role.ts covers every table of the schema).
 */
export class Migration20261207050113_electronic_coe extends Migration {
  override async up(): Promise<void> {
    // One row per bureau and year; issuing a COE takes the next serial with an upsert that keeps the row locked until
    // the issuing transaction ends, so two clerks of one bureau never get one serial (a rolled-back issue gives its
    // serial back with the transaction; nothing relies on the serials being gap-free).
    this.addSql(`
      create table coe_serial (
        bureau varchar(12) not null,
        year smallint not null,
        last_serial integer not null check (last_serial between 1 and 9999999),
        primary key (bureau, year)
      );`);

    this.addSql(`
      create table coe (
        id uuid primary key default gen_random_uuid(),
        number char(12) not null unique check (number ~ '^(SP|SD|TK|NG|OS|HR|TM|FK|YH|KB|NH)[0-9]{10}$'),
        user_id uuid not null references user_account (id),
        application_number varchar(20) not null,
        name varchar(70) not null,
        nationality char(3) not null,
        birth_date date not null,
        sex varchar(6) not null check (sex in ('MALE', 'FEMALE')),
        status_of_residence varchar(40) not null,
        organization varchar(100) null,
        issued_on date not null,
        expires_on date not null check (expires_on > issued_on),
        bureau varchar(12) not null,
        state varchar(20) not null default 'ISSUED' check (state in ('ISSUED', 'MAILED', 'RECEIPT_REGISTERED', 'REVOKED')),
        issued_by uuid not null references staff_member (id),
        issued_at timestamptz not null,
        mailed_at timestamptz null,
        receipt_registered_at timestamptz null,
        revoked_at timestamptz null,
        revoked_by uuid null references staff_member (id),
        revocation_reason varchar(400) null,
        replaces char(12) null references coe (number),
        -- deferred: a reissue points the old COE at the new number before the new row is inserted (coe.service.ts)
        replaced_by char(12) null references coe (number) deferrable initially deferred,
        receipt_token_hash char(64) null unique,
        verification_code text not null,
        verification_count integer not null default 0,
        check ((state = 'REVOKED') = (revoked_at is not null and revocation_reason is not null))
      );`);
    this.addSql(`create index coe_user_idx on coe (user_id, issued_at desc);`);
    // One COE per paper application, but a reissued (corrected) one hands its application number on to its successor.
    this.addSql(`create unique index coe_application_number_key on coe (application_number) where replaced_by is null;`);

    // The COE's history: issued, mails queued and sent, receipt, revocation, reissue. A mail's row names its outbox
    // id, which is how the mail worker's success finds the COE it was for (ISSUED -> MAILED).
    this.addSql(`
      create table coe_event (
        id bigint generated always as identity primary key,
        coe_id uuid not null references coe (id),
        at timestamptz not null,
        kind varchar(24) not null,
        staff_id uuid null references staff_member (id),
        outbox_id uuid null references mail_outbox (id),
        details jsonb not null default '{}'
      );`);
    this.addSql(`create index coe_event_coe_idx on coe_event (coe_id, id);`);
    this.addSql(`create index coe_event_outbox_idx on coe_event (outbox_id) where outbox_id is not null;`);

    // The COE mail has an HTML alternative with its QR code as an inline image.
    this.addSql(`alter table mail_outbox add column html text null, add column attachments jsonb null;`);
  }
}
