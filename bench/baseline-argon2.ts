/**
 * The `login` baseline: how many argon2id verifies per second this machine does with the product's parameters and
 * nothing else running. A login cannot be faster than this.
 *
 * The rate depends on how the verifies are spread over threads (on 2 cores: ~10 % more with 2 verifies on a pool of 2
 * threads than with 4 on Node's default 4), so the baseline uses the better of both — the product's own arrangement
 * (HASH_CONCURRENCY verifies on a pool of as many threads, server/preload/thread-pool.cjs) and Node's default — each
 * measured in a fresh process, since a process's pool size is fixed when it is first used.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import argon2 from 'argon2';
import { loadConfig } from '../server/src/config.js';
import { ARGON2_PARAMS } from '../server/src/modules/password/password-hasher.js';

export async function argon2VerifyRate(seconds: number, concurrency: number): Promise<number> {
  const hash = await argon2.hash('Kasumi7$Seki', ARGON2_PARAMS);
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await argon2.verify(hash, 'Kasumi7$Seki');
        done += 1;
      }
    }),
  );
  // over the time it really took: the last verifies end after `until`
  return (done * 1000) / (performance.now() - started);
}

/** `concurrency` verifies at once on a thread pool of that many threads, in a new process. */
export async function verifyRateInFreshProcess(seconds: number, concurrency: number): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(seconds), String(concurrency)],
    { env: { ...process.env, UV_THREADPOOL_SIZE: String(concurrency) } },
  );
  return Number(stdout.trim());
}

/**
 * The concurrency (= pool size) with the better bare verify rate: the product's arrangement (one hash per CPU by
 * default) or Node's default pool of 4. Both are measured in turn, twice, so that a drift of the machine's speed
 * during the measurement does not favour either.
 */
export async function bestArrangement(seconds: number): Promise<{ concurrency: number; rates: Record<number, number> }> {
  const product = loadConfig(process.env, []).hashConcurrency;
  const arrangements = [...new Set([product, 4])];
  const rates: Record<number, number> = {};
  for (let pass = 0; pass < 2; pass++) {
    for (const c of arrangements) rates[c] = (rates[c] ?? 0) + (await verifyRateInFreshProcess(seconds, c)) / 2;
  }
  const concurrency = arrangements.reduce((best, c) => (rates[c] > rates[best] ? c : best));
  return { concurrency, rates };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await argon2VerifyRate(Number(process.argv[2]), Number(process.argv[3])));
}
