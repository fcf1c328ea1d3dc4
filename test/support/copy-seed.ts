import { createHash } from 'node:crypto';
import type pg from 'pg';
import { auditHash, AUDIT_ACTIONS, GENESIS_HASH } from '../../server/src/modules/audit/audit-trail.js';
import { formatCoeNumber } from '../../server/src/modules/coe/coe-number.js';
import { NATIONALITIES, STATUSES_OF_RESIDENCE } from '../../server/src/modules/coe/coe-reference.js';
import { BUREAUS, type Bureau } from '../../server/src/modules/staff/staff-roles.js';
import { copyFrom, copyText } from './copy-from.js';

/**
 * Rows for the large-table benches and scale tests, written by `COPY … FROM STDIN` (copy-from.ts) straight into the
 * product's tables: applicants, their sessions, COEs and audit events, valid for the schema's constraints. Row i of
 * each kind is a pure function of i, so a table is filled in steps (rows [from, to)) — 1,000, then up to 1,000,000 —
 * and a COE or a session names its applicant by recomputing the applicant's id.
 *
 * What is real and what is not: ids, 認証IDs (the product's shape: 5 letters, 5 digits, scattered), e-mails, statuses
 * and sessions' token hashes are unique and spread like real ones; the audit events form a real hash chain (each
 * hash computed as the product computes it, the head moved to the last one, so `npm run audit -- verify` passes); the
 * COEs' verification codes are a placeholder, not signed JWSs, and the password hashes a fixed PHC string no password
 * matches (seeded applicants are never logged in as).
 */

const NAME_WORDS = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'WANG', 'LI', 'ZHANG', 'KIM', 'PARK', 'SANTOS', 'REYES', 'GARCIA', 'SILVA', 'SHARMA', 'KHAN', 'SMITH'];
const GIVEN_WORDS = ['ANH', 'MINH', 'WEI', 'JING', 'MIN', 'JOSE', 'MARIA', 'ANA', 'RAVI', 'PRIYA', 'JOHN', 'EMMA', 'HUNG', 'LAN', 'TUAN', 'YAN'];
const NATIONALITY_CODES = [...NATIONALITIES.keys()];
const STATUS_CODES = [...STATUSES_OF_RESIDENCE.keys()];
/** not a hash of any password: seeded applicants never log in */
const PASSWORD_HASH = `$argon2id$v=19$m=19456,t=2,p=1$${'c2VlZHNhbHQ'.padEnd(22, 'A')}$${'A'.repeat(43)}`;
const DAY = 86_400_000;

/**
 * Runs a bulk load of `table` with its plain indexes dropped and built again afterwards (with a larger
 * maintenance_work_mem), as one loads a large table: building an index by sorting once is many times faster than
 * inserting ten million random keys one by one into a B-tree that outgrows the cache. The indexes behind constraints
 * (primary and unique keys) stay and check every row as it comes. Used only when the load at least doubles the table,
 * so a step of 1,000 rows into a table of ten leaves nothing to rebuild.
 */
export async function withIndexesRebuilt<T>(client: pg.Client, table: string, rows: number, load: () => Promise<T>): Promise<T> {
  const [{ n }] = (await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows;
  if (rows < Number(n) || rows < 100_000) return load();
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
     where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [table],
  );
  for (const { name } of indexes) await client.query(`drop index ${name}`);
  const result = await load();
  await client.query(`set maintenance_work_mem = '256MB'`);
  for (const { def } of indexes) await client.query(def);
  await client.query('reset maintenance_work_mem');
  return result;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Applicant i's id: a version-4-shaped UUID derived from i (random-looking, as gen_random_uuid's are). */
export function applicantId(i: number): string {
  const h = md5(`applicant ${i}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// 認証ID space: 26^5 × 10^5; i × P mod M is a bijection (P shares no factor with M), so ids are unique and scattered
const M = 26n ** 5n * 10n ** 5n;
const P = 736_526_213_237n;
/** Applicant i's 認証ID, in the product's shape (lib/tokens.ts newAuthId: 5 lower-case letters, 5 digits). */
export function applicantAuthId(i: number): string {
  let n = (BigInt(i) * P) % M;
  const digits = String(n % 100_000n).padStart(5, '0');
  n /= 100_000n;
  let letters = '';
  for (let k = 0; k < 5; k++, n /= 26n) letters += String.fromCharCode(97 + Number(n % 26n));
  return letters + digits;
}

/** The same status spread as test/support/applicant-seed.ts: 10 % PENDING_PASSWORD, 1 % SUSPENDED, 1 % DELETED. */
function applicantStatus(i: number): string {
  if (i % 100 === 7) return 'SUSPENDED';
  if (i % 100 === 8) return 'DELETED';
  if (i % 10 === 1) return 'PENDING_PASSWORD';
  return 'ACTIVE';
}

/** Applicants [from, to). */
export async function copyApplicants(client: pg.Client, from: number, to: number, now: Date): Promise<number> {
  function* rows() {
    for (let i = from; i < to; i++) {
      const status = applicantStatus(i);
      const created = new Date(now.getTime() - (i % 1000) * DAY - (i % 86_400) * 1000);
      yield copyText([
        applicantId(i), applicantAuthId(i), `${NAME_WORDS[i % 16]} ${GIVEN_WORDS[(i >> 4) % 16]} ${GIVEN_WORDS[(i * 7) % 16]}`,
        i % 2 ? 'FEMALE' : 'MALE', new Date(Date.UTC(1950, 0, 1) + ((i * 7919) % 20_000) * DAY).toISOString().slice(0, 10),
        '131016', `霞が関${(i % 3) + 1}－${(i % 9) + 1}－${i % 100}`, `03${String(i % 100_000_000).padStart(8, '0')}`,
        `seed${i}@example.jp`, 'FOREIGN_NATIONAL', status,
        status === 'PENDING_PASSWORD' ? null : PASSWORD_HASH, status === 'PENDING_PASSWORD' ? null : created.toISOString(),
        status === 'DELETED' ? new Date(now.getTime() - 30 * DAY).toISOString() : null,
        i % 1000 === 5 ? new Date(now.getTime() + 3_600_000).toISOString() : null,
        created.toISOString(), now.toISOString(),
      ]);
    }
  }
  return copyFrom(client, `copy user_account (id, auth_id, name, sex, birth_date, residence_code, residence_address, phone, email,
      user_class, status, password_hash, password_changed_at, deleted_at, locked_until, created_at, updated_at) from stdin`, rows());
}

/**
 * One session row for each applicant [from, to): every `liveEvery`-th ACTIVE applicant logged in now (a live session,
 * idle for a minute), every other one's session ended earlier (timed out, logged out or superseded) — sessions are
 * kept after they end, so a real table holds at least one per applicant who ever logged in.
 */
export async function copySessions(client: pg.Client, from: number, to: number, now: Date, liveEvery: number): Promise<number> {
  const reasons = ['TIMEOUT', 'LOGOUT', 'SUPERSEDED'];
  function* rows() {
    for (let i = from; i < to; i++) {
      if (applicantStatus(i) === 'PENDING_PASSWORD') continue;
      const live = applicantStatus(i) === 'ACTIVE' && i % liveEvery === 0;
      const created = live ? now.getTime() - 600_000 : now.getTime() - (1 + (i % 300)) * DAY;
      const token = createHash('sha256').update(`seed session ${i}`).digest('hex');
      yield copyText([
        applicantId(i), token, new Date(created).toISOString(), new Date(live ? now.getTime() - 60_000 : created + 900_000).toISOString(),
        new Date(created + 43_200_000).toISOString(), live ? null : new Date(created + 2_700_000).toISOString(), live ? null : reasons[i % 3],
        `203.0.113.${i % 250}`, 'Mozilla/5.0 (seed)',
      ]);
    }
  }
  return copyFrom(client, 'copy session (user_id, token_hash, created_at, last_seen_at, expires_at, revoked_at, revoked_reason, ip, user_agent) from stdin', rows());
}

/** The session token of seeded applicant i (its hash is what copySessions wrote). */
export const seededSessionToken = (i: number) => `seed session ${i}`;

/** One clerk per bureau (issuers of the COEs, authors of the audit events); returns their ids, in BUREAUS order. */
export async function seedStaff(client: pg.Client): Promise<string[]> {
  await client.query(
    `insert into staff_member (login_id, name, bureau, roles, created_at, updated_at)
     select 'seed-clerk-' || lower(b) || '@immi.example.go.jp', 'SEED CLERK ' || b, b, '{COUNTER_CLERK,SUPERVISOR}', now(), now()
     from unnest($1::text[]) with ordinality as x(b, n)
     on conflict (lower(login_id)) do nothing`,
    [BUREAUS],
  );
  const { rows } = await client.query<{ id: string }>(
    `select id from staff_member where login_id like 'seed-clerk-%' order by array_position($1::text[], bureau::text)`, [BUREAUS]);
  return rows.map((r) => r.id);
}

/**
 * COEs [from, to): COE i for applicant i % applicants, issued by the clerk of bureau i % 11, serial i / 11 + 1 of
 * year 26 (so numbers are unique and well-formed, Luhn digit included), mostly with receipt registered, some MAILED,
 * 1 % REVOKED. The serial counters are moved past the serials used, as issuing would have moved them.
 */
export async function copyCoes(client: pg.Client, from: number, to: number, applicants: number, staffIds: string[], now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  function* rows() {
    for (let i = from; i < to; i++) {
      const bureau = BUREAUS[i % BUREAUS.length] as Bureau;
      const issued = new Date(now.getTime() - (i % 80) * DAY);
      const state = i % 100 === 3 ? 'REVOKED' : i % 10 === 4 ? 'MAILED' : 'RECEIPT_REGISTERED';
      const clerk = staffIds[i % staffIds.length];
      yield copyText([
        formatCoeNumber(bureau, 26, Math.floor(i / BUREAUS.length) + 1), applicantId(i % applicants), `A${String(i).padStart(10, '0')}`,
        `${NAME_WORDS[i % 16]} ${GIVEN_WORDS[(i >> 4) % 16]}`, NATIONALITY_CODES[i % NATIONALITY_CODES.length],
        new Date(Date.UTC(1960, 0, 1) + ((i * 31) % 15_000) * DAY).toISOString().slice(0, 10), i % 2 ? 'FEMALE' : 'MALE',
        STATUS_CODES[i % STATUS_CODES.length], i % 3 ? 'SEED KABUSHIKI KAISHA' : null,
        issued.toISOString().slice(0, 10), new Date(issued.getTime() + 90 * DAY).toISOString().slice(0, 10), bureau, state, clerk,
        issued.toISOString(), issued.toISOString(), state === 'RECEIPT_REGISTERED' ? new Date(issued.getTime() + DAY).toISOString() : null,
        state === 'REVOKED' ? today : null, state === 'REVOKED' ? clerk : null, state === 'REVOKED' ? 'seeded revocation' : null,
        'seed: not a signed code',
      ]);
    }
  }
  const n = await copyFrom(client, `copy coe (number, user_id, application_number, name, nationality, birth_date, sex, status_of_residence,
      organization, issued_on, expires_on, bureau, state, issued_by, issued_at, mailed_at, receipt_registered_at, revoked_at, revoked_by,
      revocation_reason, verification_code) from stdin`, rows());
  await client.query(
    `insert into coe_serial (bureau, year, last_serial)
     select bureau, 26, max(substr(number, 5, 7)::int) from coe where substr(number, 3, 2) = '26' group by bureau
     on conflict (bureau, year) do update set last_serial = greatest(coe_serial.last_serial, excluded.last_serial)`,
  );
  return n;
}

const AUDIT_START = Date.UTC(2025, 0, 1);
/** seconds between seeded audit events: 10,000,000 of them span 7.6 months of 2025 */
const AUDIT_STEP_MS = 2000;

/**
 * `count` audit events appended after the chain's head: staff actions on applicants and COEs, one every 2 s from
 * 2025-01-01, each hashed over the one before exactly as the product hashes (audit-trail.ts), and the head moved to
 * the last. The head only moves one step at a time (its trigger), so the seed switches that trigger off for its one
 * update — as only the table's owner can — and the chain still verifies end to end.
 */
export async function copyAuditEvents(client: pg.Client, count: number, applicants: number, staffIds: string[]): Promise<number> {
  const [head] = (await client.query<{ seq: string; hash: string }>('select seq, hash from audit_head where id')).rows;
  const first = Number(head.seq) + 1;
  let prevHash = head.hash ?? GENESIS_HASH;
  const actions = AUDIT_ACTIONS.filter((a) => a.startsWith('APPLICANT') || a.startsWith('COE_') || a === 'STAFF_LOGIN_SUCCEEDED');
  function* rows() {
    for (let seq = first; seq < first + count; seq++) {
      const action = actions[seq % actions.length];
      const b = seq % BUREAUS.length;
      const target = action.startsWith('COE_') ? formatCoeNumber(BUREAUS[b] as Bureau, 26, 1 + (seq % 90_000)) : action.startsWith('STAFF') ? staffIds[b] : applicantAuthId(seq % applicants);
      const details: Record<string, unknown> = action === 'APPLICANT_SUSPENDED' ? { before: { status: 'ACTIVE' }, after: { status: 'SUSPENDED' } } : {};
      const record = {
        seq, at: new Date(AUDIT_START + seq * AUDIT_STEP_MS), staffId: staffIds[b], bureau: BUREAUS[b], action, target,
        reason: action === 'APPLICANT_SUSPENDED' ? 'seeded reason' : null, receptionNumber: null, requestId: md5(`request ${seq}`).slice(0, 16),
        ip: `10.20.${b}.${seq % 250}`, details, prevHash,
      };
      const hash = auditHash(record);
      yield copyText([seq, record.at.toISOString(), record.staffId, record.bureau, action, target, record.reason, null, record.requestId, record.ip,
        JSON.stringify(details), prevHash, hash]);
      prevHash = hash;
    }
  }
  await client.query('begin');
  try {
    const n = await copyFrom(client, `copy audit_event (seq, at, staff_id, bureau, action, target, reason, reception_number, request_id, ip,
        details, prev_hash, hash) from stdin`, rows());
    await client.query('alter table audit_head disable trigger audit_head_forward');
    await client.query('update audit_head set seq = $1, hash = $2 where id', [first + count - 1, prevHash]);
    await client.query('alter table audit_head enable trigger audit_head_forward');
    await client.query('commit');
    return n;
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}
