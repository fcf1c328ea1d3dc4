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
} as const;

export type LimitName = keyof typeof LIMITS;

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterPostgres>;

  constructor(pool: pg.Pool, multiplier: number) {
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

  /** Gives back one point taken by `consume` (an attempt that turned out not to count). */
  async refund(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].reward(key.toLowerCase(), 1);
  }
}
