/**
 * Sizes libuv's thread pool, where argon2 runs, to the number of password hashes allowed at once (HASH_CONCURRENCY,
 * by default one per CPU). Measured on a 2-core machine: 2 hashes on a pool of 2 threads verify ~10 % more per second
 * than the same hashes on Node's default pool of 4 (or on 3, or 8) — each hash keeps its thread.
 *
 * A --require preload, because the pool is made on its first use and Node's ES module loader uses it before any
 * module of ours runs. An explicit UV_THREADPOOL_SIZE wins. The cost: file and DNS work shares these threads, so under
 * a wave of logins it may wait for up to two hashes (tens of milliseconds): with the pool sized to HASH_CONCURRENCY,
 * the server hands a second batch of hashes to it ahead (hashesInFlight in password-hasher.ts).
 */
const os = require('node:os');

if (!process.env.UV_THREADPOOL_SIZE) {
  const configured = Number(process.env.HASH_CONCURRENCY);
  const hashes = Number.isInteger(configured) && configured >= 1 ? configured : os.availableParallelism();
  process.env.UV_THREADPOOL_SIZE = String(hashes);
}
