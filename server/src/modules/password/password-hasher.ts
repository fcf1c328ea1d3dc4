import argon2 from 'argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import { RateLimitedError } from '../../errors/graphql-errors.js';

/** OWASP's argon2id floor (rules.md §3, security.md 1): 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * How many hashes are handed to the thread pool at once, for `concurrency` hashes computed at once. When the pool has
 * exactly `concurrency` threads (npm start's preload, server/preload/thread-pool.cjs, sizes it so), the pool itself
 * holds the computing hashes to `concurrency` and a second batch as large waits inside it: a thread that finishes a
 * hash starts the next at once, instead of idling until the main thread has taken the result and handed over the
 * next — which under a wave of logins, with the main thread busy, left 2 % of this 2-core machine's CPU idle (0.2 %
 * with the second batch; bench/api.ts). With any other pool size, exactly `concurrency`: then only this gate bounds
 * the memory.
 */
export function hashesInFlight(concurrency: number, threadPoolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4)): number {
  return threadPoolSize === concurrency ? 2 * concurrency : concurrency;
}

/**
 * Every argon2 call goes through here, so at most `concurrency` hashes use memory at once (security.md 3); the rest
 * wait, and beyond `queueLimit` waiting calls are refused with RATE_LIMITED instead of piling up. argon2 takes its
 * memory when a pool thread starts the hash, so hashes waiting inside the pool (hashesInFlight) hold none.
 */
export class PasswordHasher {
  private readonly limit: LimitFunction;
  private dummyHash: Promise<string> | undefined;

  constructor(
    concurrency: number,
    private readonly queueLimit: number,
    private readonly params: typeof ARGON2_PARAMS = ARGON2_PARAMS,
  ) {
    this.limit = pLimit(hashesInFlight(concurrency));
  }

  /** hashes handed to the thread pool: computing, or waiting there for a thread */
  get activeCount(): number {
    return this.limit.activeCount;
  }
  get pendingCount(): number {
    return this.limit.pendingCount;
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.limit.pendingCount >= this.queueLimit) return Promise.reject(new RateLimitedError(1));
    return this.limit(fn);
  }

  hash(password: string): Promise<string> {
    return this.run(() => argon2.hash(password, this.params));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.run(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false; // a malformed stored hash is a failed login, never a 500
      }
    });
  }

  /**
   * Runs a verify of the same cost against a fixed hash, so an unknown 認証ID takes as long as a wrong password
   * (security.md 2). Always false.
   */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  /** The fixed hash, made once on first use — through the same gate as every other hash, and again if that failed. */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.run(() => argon2.hash('dummy-password-for-timing-equalisation', this.params)).catch((err: unknown) => {
      this.dummyHash = undefined;
      throw err;
    });
    return this.dummyHash;
  }

  /**
   * True when the stored hash is not an argon2id hash with the current parameters. argon2.needsRehash compares only
   * version and m/t/p, so an argon2i or argon2d hash with the same costs would otherwise never be upgraded.
   */
  needsRehash(hash: string): boolean {
    const algorithm = { [argon2.argon2d]: 'argon2d', [argon2.argon2i]: 'argon2i', [argon2.argon2id]: 'argon2id' }[this.params.type];
    if (!hash.startsWith(`$${algorithm}$`)) return true;
    try {
      return argon2.needsRehash(hash, this.params);
    } catch {
      return true;
    }
  }
}
