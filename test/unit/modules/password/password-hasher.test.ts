import { execFileSync } from 'node:child_process';
import argon2 from 'argon2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ARGON2_PARAMS, hashesInFlight, PasswordHasher } from '../../../../server/src/modules/password/password-hasher.js';
import { RateLimitedError } from '../../../../server/src/errors/graphql-errors.js';
import { probeArgon2 } from '../../../support/argon2-probe.js';
import { isProductHash, phcParts } from '../../../support/phc.js';

/** rules.md §3, security.md 1 (argon2id, OWASP floor, PHC, per-user salt, rehash) and 3 (bounded concurrency). */

const PW = 'Kasumi7$Seki';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hash and verify', () => {
  const hasher = new PasswordHasher(2, 100);

  it('uses the OWASP argon2id floor', () => {
    expect(ARGON2_PARAMS).toEqual({ type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('produces argon2id PHC strings with m=19456,t=2,p=1 and a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hasher.hash(PW), hasher.hash(PW)]);
    expect(isProductHash(a), a).toBe(true);
    expect(isProductHash(b), b).toBe(true);
    expect(phcParts(a)!.salt).not.toBe(phcParts(b)!.salt);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PW);
  });

  it('verifies the right password and rejects others (case-sensitive, untrimmed)', async () => {
    const hash = await hasher.hash(PW);
    expect(await hasher.verify(hash, PW)).toBe(true);
    for (const other of ['Kasumi7$Sek', 'kasumi7$seki', `${PW} `, '']) expect(await hasher.verify(hash, other)).toBe(false);
  });

  it('a malformed stored hash verifies false instead of throwing', async () => {
    const good = await hasher.hash(PW);
    const malformed = ['', 'not-a-hash', '$argon2id$', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$', good.slice(0, -5), '$bcrypt$10$abc', '$2b$10$abcdefghijklmnopqrstuv'];
    for (const hash of malformed) await expect(hasher.verify(hash, PW), hash).resolves.toBe(false);
  });

  it('verifyDummy costs an argon2 verify and is always false', async () => {
    const spy = vi.spyOn(argon2, 'verify');
    expect(await hasher.verifyDummy(PW)).toBe(false);
    expect(await hasher.verifyDummy('dummy-password-for-timing-equalisation')).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(isProductHash(String(spy.mock.calls[0][0]))).toBe(true);
  });
});

describe('needsRehash', () => {
  const hasher = new PasswordHasher(2, 100);

  it('is false for a hash made with the current parameters', async () => {
    expect(hasher.needsRehash(await hasher.hash(PW))).toBe(false);
  });

  it('accepts the hashes stored before the argon2 0.45 upgrade (parameters written m,t,p instead of m,p,t)', async () => {
    // made by argon2 0.44.0 with the product's parameters for the password 'Kasumi7$Seki'
    const stored = '$argon2id$v=19$m=19456,t=2,p=1$4ZKLCh3LvmAJ8UuMPpxsRQ$deJHvLoEnv810AoZ9yz2EXUtVGIA6KIzVvDyi8yovaw';
    expect(await hasher.verify(stored, 'Kasumi7$Seki')).toBe(true);
    expect(await hasher.verify(stored, 'Kasumi7$Sekj')).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('is true for hashes made with other parameters or another argon2 variant', async () => {
    const others = [
      await argon2.hash(PW), // library defaults: m=65536, t=3, p=4
      await argon2.hash(PW, { ...ARGON2_PARAMS, timeCost: 3 }),
      await argon2.hash(PW, { ...ARGON2_PARAMS, memoryCost: 8192 }),
      await argon2.hash(PW, { ...ARGON2_PARAMS, type: argon2.argon2i }),
      await argon2.hash(PW, { ...ARGON2_PARAMS, type: argon2.argon2d }),
    ];
    for (const hash of others) expect(hasher.needsRehash(hash), hash).toBe(true);
  });

  it('is true (never throws) for a malformed hash', () => {
    for (const hash of ['', 'garbage', '$argon2id$v=19$m=x']) expect(hasher.needsRehash(hash)).toBe(true);
  });
});

describe('bounded concurrency', () => {
  it('with concurrency 2, 20 concurrent hashes never run more than 2 at once', async () => {
    const hasher = new PasswordHasher(2, 100);
    // Count the argon2 computations really in flight, not only the limiter's own counter.
    const probe = probeArgon2('hash');

    let maxActive = 0;
    let done = false;
    const sample = (async () => {
      while (!done) {
        maxActive = Math.max(maxActive, hasher.activeCount);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => hasher.hash(`${PW}${i}`)));
    expect(hasher.activeCount).toBe(2);
    expect(hasher.pendingCount).toBe(18);
    const hashes = await all;
    done = true;
    await sample;

    expect(hashes.every(isProductHash)).toBe(true);
    expect(maxActive).toBe(2);
    expect(probe.maxInFlight).toBe(2);
    expect(hasher.activeCount).toBe(0);
  });

  it('beyond queueLimit waiting calls, further calls are refused with RateLimitedError and the hasher recovers', async () => {
    const hasher = new PasswordHasher(1, 3);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => hasher.hash(PW)));
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(4); // 1 running + 3 waiting
    expect(rejected).toHaveLength(6);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(RateLimitedError);
      expect((r.reason as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    }
    // Verify goes through the same gate.
    const hash = (fulfilled[0] as PromiseFulfilledResult<string>).value;
    const verifies = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.verify(hash, PW)));
    expect(verifies.filter((r) => r.status === 'rejected')).toHaveLength(2);
    expect(await hasher.verify(hash, PW)).toBe(true);
  });
});

/** What a PasswordHasher does in a process whose thread pool has `pool` threads (test/support/hasher-in-pool.ts). */
function inPool(pool: number, concurrency: number): { whileBlocked: number; peakGrowthMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/support/hasher-in-pool.ts', String(concurrency)], {
    env: { ...process.env, UV_THREADPOOL_SIZE: String(pool) },
  });
  return JSON.parse(out.toString());
}

describe('hashes waiting inside the thread pool', () => {
  const ARGON2_MB = ARGON2_PARAMS.memoryCost / 1024;

  it('a second batch is handed over only when the pool has exactly as many threads as hashes may run', () => {
    expect(hashesInFlight(2, 2)).toBe(4);
    expect(hashesInFlight(3, 3)).toBe(6);
    expect(hashesInFlight(2, 4)).toBe(2); // Node's default pool of 4: the gate alone bounds the memory
    expect(hashesInFlight(4, 2)).toBe(4);
  });

  it('with a pool of 2 for 2 hashes, the threads go on to the waiting 2 while the main thread is busy; memory stays that of 2', () => {
    const { whileBlocked, peakGrowthMb } = inPool(2, 2);
    expect(whileBlocked).toBe(4);
    expect(peakGrowthMb).toBeLessThan(3 * ARGON2_MB);
  });

  it('with a pool larger than the concurrency, only the admitted 2 are computed — and 4 at once would show in memory', () => {
    expect(inPool(4, 2).whileBlocked).toBe(2);
    // The memory measure sees a third and fourth hash at once: 4 hashes on 4 threads.
    expect(inPool(4, 4).peakGrowthMb).toBeGreaterThan(3 * ARGON2_MB);
  });
});
