import type pg from 'pg';

/**
 * `count` applicant accounts written straight into user_account with one INSERT … SELECT generate_series (not the
 * API: a million registrations would take hours), for the search's plan test and bench/staff-search.ts. Values are
 * spread like real ones: 認証IDs unique and unordered with respect to insertion, names of two random A–P words, 25,000
 * birth dates, unique addresses, about 10 % PENDING_PASSWORD, 1 % SUSPENDED, 1 % DELETED, 0.1 % locked now. Row i
 * has the e-mail `seed<i>@example.jp` and the 認証ID `seedAuthId(i)`. Ends with ANALYZE, so the planner knows. Rows
 * 1…`count`, or `from`…`count` to add to a table seeded up to `from` − 1.
 */
export async function seedApplicants(client: pg.Pool | pg.Client, count: number, now: Date, from = 1): Promise<void> {
  await client.query(
    `insert into user_account (auth_id, name, sex, birth_date, residence_code, residence_address, phone, email, user_class,
       status, password_changed_at, locked_until, created_at, updated_at)
     select substr(md5('auth' || g), 1, 8) || lpad(to_hex(g), 6, '0'),
       translate(substr(md5('n' || g), 1, 3 + g % 6), '0123456789abcdef', 'ABCDEFGHIJKLMNOP') || ' ' ||
         translate(substr(md5('m' || g), 1, 4 + g % 5), '0123456789abcdef', 'ABCDEFGHIJKLMNOP'),
       case when g % 2 = 0 then 'MALE' else 'FEMALE' end,
       date '1940-01-01' + ((g::bigint * 7919) % 25000)::int,
       '131016', '霞が関１－１－１', '0312345678', 'seed' || g || '@example.jp', 'FOREIGN_NATIONAL',
       case when g % 100 = 7 then 'SUSPENDED' when g % 100 = 8 then 'DELETED' when g % 10 = 1 then 'PENDING_PASSWORD' else 'ACTIVE' end,
       $2::timestamptz, case when g % 1000 = 5 then $2::timestamptz + interval '1 hour' when g % 1000 = 6 then $2::timestamptz - interval '1 day' end,
       $2::timestamptz - (g || ' seconds')::interval, $2::timestamptz
     from generate_series($3::int, $1::int) g`,
    [count, now, from],
  );
  await client.query('analyze user_account');
}

/** The 認証ID of seeded row i (as the INSERT above computes it). */
export function seedAuthIdSql(i: number): string {
  return `substr(md5('auth' || ${Number(i)}), 1, 8) || lpad(to_hex(${Number(i)}), 6, '0')`;
}
