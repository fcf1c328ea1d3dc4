import { Migration } from '@mikro-orm/migrations';

/** The application's database role (docs/operations.md "The application's database role"). */
export const APP_ROLE = 'ras_portal_app';

/**
 * The staff back office's foundation (issue 19): staff members and their second factors, enrolment links, staff
 * sessions, login challenges, and the tamper-evident audit trail. The invariants the code relies on are constraints
 * here: one live staff session per member, single-use hashed tokens, a case-insensitively unique login ID, the
 * append-only audit table (triggers refuse UPDATE, DELETE and TRUNCATE even for the owner) and its one-row head that
 * serializes writers so `seq` has no gaps.
 */
export class Migration20261207033638_staff_back_office extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table staff_member (
        id uuid primary key default gen_random_uuid(),
        login_id varchar(60) not null,
        name varchar(100) not null,
        bureau varchar(12) not null check (bureau in
          ('SAPPORO', 'SENDAI', 'TOKYO', 'NAGOYA', 'OSAKA', 'HIROSHIMA', 'TAKAMATSU', 'FUKUOKA', 'YOKOHAMA', 'KOBE', 'NAHA')),
        roles varchar(16)[] not null default '{}' check (roles <@
          array['COUNTER_CLERK', 'SUPERVISOR', 'NOTICE_EDITOR', 'AUDITOR', 'STAFF_ADMIN']::varchar(16)[]),
        status varchar(10) not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
        password_hash text null,
        totp_secret varchar(64) null,
        totp_last_step bigint null,
        failed_password_count integer not null default 0,
        failed_second_factor_count integer not null default 0,
        locked_until timestamptz null,
        enrolled_at timestamptz null,
        last_login_at timestamptz null,
        created_by uuid null references staff_member (id),
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    // loginId is an e-mail address: unique whatever its case.
    this.addSql(`create unique index staff_member_login_id_key on staff_member (lower(login_id));`);

    this.addSql(`
      create table staff_passkey (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid not null references staff_member (id),
        credential_id varchar(1400) not null unique,
        public_key bytea not null,
        counter bigint not null default 0,
        transports varchar(16)[] not null default '{}',
        created_at timestamptz not null,
        last_used_at timestamptz null
      );`);
    this.addSql(`create index staff_passkey_staff_idx on staff_passkey (staff_id);`);

    // The TOTP secret offered by a link lives on the link until the enrolment completes; the WebAuthn registration
    // challenge of the link's passkey ceremony too.
    this.addSql(`
      create table staff_enrolment_link (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid not null references staff_member (id),
        token_hash char(64) not null unique,
        totp_secret varchar(64) not null,
        webauthn_challenge varchar(128) null,
        created_by uuid null references staff_member (id),
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null,
        voided_at timestamptz null
      );`);
    this.addSql(`create index staff_enrolment_link_open_idx on staff_enrolment_link (staff_id) where used_at is null and voided_at is null;`);

    this.addSql(`
      create table staff_session (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid not null references staff_member (id),
        token_hash char(64) not null unique,
        created_at timestamptz not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz null,
        revoked_reason varchar(24) null check (revoked_reason in
          ('LOGOUT', 'SUPERSEDED', 'TIMEOUT', 'DISABLED', 'SECOND_FACTOR_RESET')),
        ip varchar(64) null,
        user_agent varchar(512) null
      );`);
    this.addSql(`create unique index staff_session_one_live on staff_session (staff_id) where revoked_at is null;`);

    // Between the password and the second factor: the challengeId's hash, short-lived and single use.
    this.addSql(`
      create table staff_login_challenge (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid not null references staff_member (id),
        token_hash char(64) not null unique,
        webauthn_challenge varchar(128) null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        used_at timestamptz null,
        ip varchar(64) null
      );`);
    this.addSql(`create index staff_login_challenge_staff_idx on staff_login_challenge (staff_id) where used_at is null;`);

    // The audit trail. `seq` comes from the one-row head, which each writer locks (update … returning) until its
    // transaction ends: writers serialize, a rolled-back writer gives its number back, so seq has no gaps; the head
    // also holds the last hash, so the chain is extended without reading the table.
    this.addSql(`
      create table audit_head (
        id boolean primary key default true check (id),
        seq bigint not null,
        hash char(64) not null
      );`);
    this.addSql(`insert into audit_head (id, seq, hash) values (true, 0, repeat('0', 64));`);
    this.addSql(`
      create table audit_event (
        seq bigint primary key check (seq > 0),
        at timestamptz not null,
        staff_id uuid null references staff_member (id),
        bureau varchar(12) null,
        action varchar(60) not null,
        target varchar(100) null,
        reason varchar(400) null,
        reception_number varchar(40) null,
        request_id varchar(40) null,
        ip varchar(64) null,
        details jsonb not null default '{}',
        prev_hash char(64) not null,
        hash char(64) not null
      );`);
    this.addSql(`create index audit_event_at_idx on audit_event (at);`);
    this.addSql(`create index audit_event_staff_idx on audit_event (staff_id, at);`);
    this.addSql(`create index audit_event_target_idx on audit_event (target, at);`);

    // Append-only, whoever asks: triggers fire for the table's owner too (only a superuser can switch them off, with
    // session_replication_role — which the chain verifier then catches).
    this.addSql(`
      create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_no_update before update on audit_event for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger audit_event_no_delete before delete on audit_event for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only();`);
    // The head moves forward only; deleting or emptying it would restart the chain.
    this.addSql(`
      create function audit_head_forward_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and new.seq = old.seq + 1 then return new; end if;
        if tg_op = 'UPDATE' and new.seq = old.seq then return new; end if;
        raise exception 'audit_head only moves forward: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_head_forward before update or delete on audit_head for each row execute function audit_head_forward_only();`);
    this.addSql(`create trigger audit_head_no_truncate before truncate on audit_head for each statement execute function audit_head_forward_only();`);

    // The application's role: a group role a deployment's login role joins (docs/operations.md). Created here when
    // the migrating role may create roles (the embedded database's and most owners' can); else a database
    // administrator creates it and runs this migration's grants again (they are repeated on every start, see
    // server/src/db/app-role.ts). Everything in public may be read and written, except the audit trail: SELECT and
    // INSERT only, and its head SELECT and UPDATE.
    this.addSql(`
      do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
          begin
            create role ${APP_ROLE} nologin;
          exception
            when duplicate_object then null;
            when insufficient_privilege then raise notice 'cannot create role ${APP_ROLE}: create it by hand (docs/operations.md)';
          end;
        end if;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists audit_event, audit_head, staff_login_challenge, staff_session, staff_enrolment_link, staff_passkey, staff_member cascade;');
    this.addSql('drop function if exists audit_event_append_only(), audit_head_forward_only();');
  }
}
