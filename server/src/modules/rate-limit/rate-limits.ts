import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../errors/graphql-errors.js';

/**
 * The limits of rules.md §7. Counters live in PostgreSQL (table `rate_limit`, created by the migration), so every
 * instance behind a balancer shares them. Every limit is multiplied by RATE_LIMIT_MULTIPLIER.
 */
export const LIMITS = {
  loginFailuresPerIp: { points: 20, duration: 600 },
  registrationsPerIp: { points: 10, duration: 3600 },
  registrationsPerEmail: { points: 3, duration: 3600 },
  resetRequestsPerIp: { points: 10, duration: 3600 },
  resetRequestsPerAuthId: { points: 3, duration: 3600 },
  unknownLinkPerIp: { points: 20, duration: 600 },
  /** staff passwords and second factors that failed, per client address (staff.md "Staff sessions") */
  staffLoginFailuresPerIp: { points: 10, duration: 900 },
  /** verifyCoe, matched or not, per client address (docs/spec/coe.md "verifyCoe") */
  coeVerificationsPerIp: { points: 30, duration: 3600 },
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * One point of a limit taken inside another SQL statement, so that a hot path (login) pays no round trip of its own
 * for it. The same upsert as rate-limiter-flexible's `consume` (its "rlflx-upsert") on the same row, so the library
 * and these statements count together — except that the point is taken only while the limit has room (or the window
 * has ended): an attempt refused for the limit is never checked, so it must not count, or a burst of refused attempts
 * would keep the budget used up with fewer real failures than the limit. Parameters: the stored key, the window's
 * end should it start now, now (milliseconds since the epoch, the library's clock) and the limit. Returns the row's
 * points and expire when the point was taken, no row when it was refused.
 */
export const takePointSql = (key: string, expire: string, now: string, limit: string) => `insert into rate_limit as r (key, points, expire)
    values (${key}, 1, ${expire})
    on conflict (key) do update set
      points = case when r.expire <= ${now} then 1 else r.points + 1 end,
      expire = case when r.expire <= ${now} then ${expire} else r.expire end
    where r.expire <= ${now} or r.points < ${limit}
    returning points, expire`;

/** Gives back a point taken by `takePointSql` in the same window (none when the window has ended meanwhile). */
export const givePointBackSql = (key: string, now: string) =>
  `update rate_limit set points = points - 1 where key = ${key} and expire > ${now} and points > 0`;

/** The parameters `takePointSql` and `givePointBackSql` need. */
export interface PointParams {
  key: string;
  expire: number;
  now: number;
  /** the limit's points, multiplied */
  limit: number;
}

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterPostgres>;

  constructor(
    private readonly pool: pg.Pool,
    multiplier: number,
  ) {
    this.limiters = Object.fromEntries(
      Object.entries(LIMITS).map(([name, { points, duration }]) => [
        name,
        new RateLimiterPostgres({
          storeClient: pool,
          storeType: 'pool',
          tableName: 'rate_limit',
          tableCreated: true,
          clearExpiredByTimeout: false,
          keyPrefix: name,
          points: Math.max(1, Math.ceil(points * multiplier)),
          duration,
        }),
      ]),
    ) as Record<LimitName, RateLimiterPostgres>;
  }

  /** Counts one event; throws RateLimitedError when the limit is already used up. */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key.toLowerCase());
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(err.msBeforeNext / 1000);
      throw err;
    }
  }

  /** The parameters for taking one point of `name` for `key` in SQL (takePointSql), now. */
  pointParams(name: LimitName, key: string): PointParams {
    const now = Date.now();
    const limiter = this.limiters[name];
    return { key: limiter.getKey(key.toLowerCase()), expire: now + LIMITS[name].duration * 1000, now, limit: limiter.points };
  }

  /**
   * After takePointSql: throws RateLimitedError when no point was taken, with the time left in the window when the
   * caller read the row's `expire` (else the whole window: a concurrent first point made the row after the statement
   * began, so it could not be read).
   */
  checkTaken(name: LimitName, taken: { points: number | null; expire: string | number } | undefined, now: number): void {
    if (taken?.points != null) return;
    throw new RateLimitedError(taken ? Math.max(Number(taken.expire) - now, 0) / 1000 : LIMITS[name].duration);
  }

  /** Gives back a point taken in SQL (takePointSql) when the attempt turned out not to count. */
  async givePointBack(point: PointParams): Promise<void> {
    await this.pool.query(givePointBackSql('$1', '$2'), [point.key, Date.now()]);
  }

  /** Gives back one point taken by `consume` (an attempt that turned out not to count). */
  async refund(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].reward(key.toLowerCase(), 1);
  }
}
