import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../server/src/errors/graphql-errors.js';
import { givePointBackSql, RateLimits, takePointSql } from '../../../server/src/modules/rate-limit/rate-limits.js';
import { createTestDatabase, testPool } from '../../support/test-database.js';

/**
 * The login takes its rate-limit point inside its own statements (takePointSql, givePointBackSql) while every other
 * limit goes through rate-limiter-flexible: both must count on the same row, the same way.
 */
describe('a point taken in SQL and one taken by the library count together', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let limits: RateLimits;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = testPool(database.url, 2);
    limits = new RateLimits(pool, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  // registrationsPerEmail: 3 points an hour
  const NAME = 'registrationsPerEmail';
  const take = async (key: string) => {
    const p = limits.pointParams(NAME, key);
    const { rows } = await pool.query<{ points: number; expire: string }>(takePointSql('$1', '$2', '$3', '$4'), [p.key, p.expire, p.now, p.limit]);
    limits.checkTaken(NAME, rows[0], p.now);
    return rows[0];
  };
  const giveBack = async (key: string) => {
    const p = limits.pointParams(NAME, key);
    return (await pool.query(givePointBackSql('$1', '$2'), [p.key, p.now])).rowCount;
  };
  const refusal = (fn: () => Promise<unknown>) =>
    fn().then(
      () => null,
      (err: unknown) => err,
    );

  it('SQL, library, SQL: the third is the last allowed, the fourth is refused either way', async () => {
    const key = 'A@Example.JP'; // keys are case-insensitive, as with consume
    expect((await take(key)).points).toBe(1);
    await limits.consume(NAME, 'a@example.jp');
    expect((await take(key)).points).toBe(3);
    const bySql = await refusal(() => take(key));
    expect(bySql).toBeInstanceOf(RateLimitedError);
    expect(await refusal(() => limits.consume(NAME, key))).toBeInstanceOf(RateLimitedError);
    // A refusal in SQL takes no point (the attempt was not made); the library's consume counts its refusals.
    const { rows } = await pool.query('select key, points from rate_limit');
    expect(rows).toEqual([{ key: `${NAME}:a@example.jp`, points: 4 }]);
  });

  it('refused in SQL: the time left in the window when the row could be read, else the whole window', async () => {
    const key = 'e@example.jp';
    for (let i = 0; i < 3; i++) await take(key);
    const p = limits.pointParams(NAME, key);
    const { rows } = await pool.query<{ expire: string }>('select expire from rate_limit where key = $1', [p.key]);
    await pool.query('update rate_limit set expire = $2 where key = $1', [p.key, p.now + 1000_000]);
    const known = await refusal(async () => limits.checkTaken(NAME, { points: null, expire: p.now + 1000_000 }, p.now));
    expect((known as RateLimitedError).retryAfterSeconds).toBe(1000);
    const unknown = await refusal(async () => limits.checkTaken(NAME, undefined, p.now));
    expect((unknown as RateLimitedError).retryAfterSeconds).toBe(3600);
    expect(rows).toHaveLength(1);
    expect(await refusal(async () => limits.checkTaken(NAME, { points: 3, expire: rows[0].expire }, p.now))).toBeNull();
  });

  it('a point given back in SQL makes room for one more, in the library too; nothing is given back below zero', async () => {
    const key = 'b@example.jp';
    for (let i = 0; i < 3; i++) await take(key);
    expect(await giveBack(key)).toBe(1);
    await limits.consume(NAME, key);
    expect(await refusal(() => limits.consume(NAME, key))).toBeInstanceOf(RateLimitedError);
    expect(await giveBack('nobody@example.jp')).toBe(0);
    await take('c@example.jp');
    expect(await giveBack('c@example.jp')).toBe(1);
    expect(await giveBack('c@example.jp')).toBe(0);
  });

  it('an ended window starts again at one point, and an ended window gives nothing back', async () => {
    const key = 'd@example.jp';
    for (let i = 0; i < 3; i++) await take(key);
    await pool.query('update rate_limit set expire = $2 where key = $1', [`${NAME}:${key}`, Date.now() - 1]);
    expect(await giveBack(key)).toBe(0);
    const again = await take(key);
    expect(again.points).toBe(1);
    expect(Number(again.expire)).toBeGreaterThan(Date.now() + 3590_000);
  });
});
