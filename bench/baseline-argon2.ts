/**
 * The `login` baseline: how many argon2id verifies per second this machine does with the product's parameters and
 * nothing else running. A login cannot be faster than this.
 *
 * The rate depends on how the verifies are spread over threads: on 2 cores, ~10 % more with 2 verifies on a pool of 2
 * threads than with 4 on Node's default 4, and ~1 % more again when 2 more wait inside that pool of 2 (a finished
 * thread starts the next verify without waiting for the main thread). So the baseline uses the best of three
 * arrangements — the product's own (hashesInFlight verifies handed to a pool of HASH_CONCURRENCY threads,
 * server/preload/thread-pool.cjs), one verify per thread on that pool, and Node's default (4 on 4) — each measured in
 * a fresh process, since a process's pool size is fixed when it is first used.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import argon2 from 'argon2';
import { loadConfig } from '../server/src/config.js';
import { ARGON2_PARAMS, hashesInFlight } from '../server/src/modules/password/password-hasher.js';

/** `inFlight` verifies handed to libuv's thread pool of `pool` threads at any time */
export interface Arrangement {
  inFlight: number;
  pool: number;
}

export const describeArrangement = (a: Arrangement) => `${a.inFlight} on ${a.pool} threads`;

export async function argon2VerifyRate(seconds: number, inFlight: number): Promise<number> {
  const hash = await argon2.hash('Kasumi7$Seki', ARGON2_PARAMS);
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await argon2.verify(hash, 'Kasumi7$Seki');
        done += 1;
      }
    }),
  );
  // over the time it really took: the last verifies end after `until`
  return (done * 1000) / (performance.now() - started);
}

/** The bare verify rate in the given arrangement, in a new process. */
export async function verifyRateInFreshProcess(seconds: number, arrangement: Arrangement): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(seconds), String(arrangement.inFlight)],
    { env: { ...process.env, UV_THREADPOOL_SIZE: String(arrangement.pool) } },
  );
  return Number(stdout.trim());
}

/**
 * The arrangement with the best bare verify rate. Each is measured in turn, `passes` times, so that a drift of the
 * machine's speed during the measurement does not favour any (with two passes, one run picked Node's default at 82 a
 * second against 67–68 for the others, which measured 2 % better than it a few minutes later).
 */
export async function bestArrangement(seconds: number, passes = 3): Promise<{ arrangement: Arrangement; rates: Record<string, number> }> {
  const threads = loadConfig(process.env, []).hashConcurrency;
  // keyed by description, which also drops an arrangement listed twice (e.g. on a 4-core machine)
  const candidates = new Map(
    [
      { inFlight: hashesInFlight(threads, threads), pool: threads },
      { inFlight: threads, pool: threads },
      { inFlight: 4, pool: 4 },
    ].map((a) => [describeArrangement(a), a]),
  );
  const rates: Record<string, number> = {};
  for (let pass = 0; pass < passes; pass++) {
    for (const [key, a] of candidates) rates[key] = (rates[key] ?? 0) + (await verifyRateInFreshProcess(seconds, a)) / passes;
  }
  const best = [...candidates.keys()].reduce((a, b) => (rates[b] > rates[a] ? b : a));
  const arrangement = candidates.get(best)!;
  return { arrangement, rates };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await argon2VerifyRate(Number(process.argv[2]), Number(process.argv[3])));
}
