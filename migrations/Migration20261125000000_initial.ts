import { Migration } from '@mikro-orm/migrations';

/**
 * The account core. Written by hand rather than generated: the invariants that concurrency depends on
 * (one live session per user, unique token hashes, unique 認証ID) live here as constraints.
 */
export class Migration20261125000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table user_account (
        id uuid primary key default gen_random_uuid(),
        auth_id varchar(20) not null unique,
        name varchar(104) not null,
        sex varchar(6) not null check (sex in ('MALE', 'FEMALE')),
        birth_date date not null,
        residence_code char(6) not null,
        residence_address varchar(80) not null,
        phone varchar(12) not null,
        email varchar(60) not null,
        user_class varchar(32) not null check (user_class in
          ('LAWYER_OR_SCRIVENER', 'FOREIGN_NATIONAL', 'LEGAL_REPRESENTATIVE', 'RELATIVE', 'COUNTER_COE_RECIPIENT')),
        language varchar(2) not null default 'ja',
        status varchar(20) not null default 'PENDING_PASSWORD' check (status in
          ('PENDING_PASSWORD', 'ACTIVE', 'SUSPENDED', 'DELETED', 'INVALID')),
        usage_expires_at timestamptz null,
        password_hash text null,
        password_changed_at timestamptz null,
        failed_login_count integer not null default 0,
        locked_until timestamptz null,
        last_login_at timestamptz null,
        previous_login_at timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index user_account_email_idx on user_account (lower(email));`);

    this.addSql(`
      create table session (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references user_account (id) on delete cascade,
        token_hash char(64) not null unique,
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        restricted boolean not null default false,
        revoked_at timestamptz null,
        revoked_reason varchar(20) null check (revoked_reason in
          ('LOGOUT', 'SUPERSEDED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'STAFF', 'TIMEOUT')),
        ip varchar(64) null,
        user_agent varchar(512) null
      );`);
    // One active session per user, enforced by the database itself (rules.md §5).
    this.addSql(`create unique index session_one_live_per_user on session (user_id) where revoked_at is null;`);

    this.addSql(`
      create table email_link (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references user_account (id) on delete cascade,
        purpose varchar(20) not null check (purpose in ('FIRST_PASSWORD', 'RESET')),
        token_hash char(64) not null unique,
        email varchar(60) not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null,
        voided_at timestamptz null
      );`);
    this.addSql(`create index email_link_user_idx on email_link (user_id) where used_at is null and voided_at is null;`);

    this.addSql(`
      create table notice (
        id serial primary key,
        published_on date not null,
        title_ja text not null,
        body_ja text not null,
        title_en text not null,
        body_en text not null
      );`);
    this.addSql(`
      insert into notice (published_on, title_ja, body_ja, title_en, body_en) values (
        '2019-07-25',
        '2019年7月25日から「入国管理局在留申請オンラインシステム」の運用を開始します。',
        '2019年7月25日から「入国管理局在留申請オンラインシステム」の運用を開始します。',
        'Start of the Immigration Bureau''s Residence application Online System from July 25, 2019',
        'Start of the Immigration Bureau''s Residence application Online System from July 25, 2019'
      );`);

    this.addSql(`
      create table mail_outbox (
        id uuid primary key default gen_random_uuid(),
        user_id uuid null references user_account (id) on delete set null,
        kind varchar(40) not null,
        recipient varchar(60) not null,
        subject text not null,
        body text not null,
        created_at timestamptz not null,
        sent_at timestamptz null,
        attempts integer not null default 0,
        last_error text null
      );`);
    this.addSql(`create index mail_outbox_unsent_idx on mail_outbox (created_at) where sent_at is null;`);

    this.addSql(`
      create table auth_event (
        id bigserial primary key,
        user_id uuid null references user_account (id) on delete set null,
        type varchar(40) not null,
        ip varchar(64) null,
        user_agent varchar(512) null,
        at timestamptz not null,
        details jsonb null
      );`);
    this.addSql(`create index auth_event_user_idx on auth_event (user_id, at);`);

    // rate-limiter-flexible's own table (tableCreated: true), shared by every limiter and every instance.
    this.addSql(`
      create table rate_limit (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists rate_limit, auth_event, mail_outbox, notice, email_link, session, user_account cascade;');
  }
}
