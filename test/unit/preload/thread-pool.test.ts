import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';

/**
 * server/preload/thread-pool.cjs (npm start's --require): libuv's thread pool, where argon2 runs, gets exactly
 * HASH_CONCURRENCY threads (default: one per CPU), unless UV_THREADPOOL_SIZE says otherwise.
 */
function run(env: Record<string, string | undefined>) {
  // After 6 hashes at once every pool thread exists; /proc lists the process's threads.
  const script = `
    const argon2 = require('argon2');
    Promise.all(Array.from({ length: 6 }, () => argon2.hash('x', { memoryCost: 1024, timeCost: 1 }))).then(() => {
      console.log(JSON.stringify({ size: process.env.UV_THREADPOOL_SIZE, threads: require('fs').readdirSync('/proc/self/task').length }));
    });`;
  const base = { ...process.env };
  delete base.UV_THREADPOOL_SIZE;
  delete base.HASH_CONCURRENCY;
  const out = execFileSync(process.execPath, ['--require', './server/preload/thread-pool.cjs', '-e', script], {
    env: { ...base, ...env } as NodeJS.ProcessEnv,
  });
  return JSON.parse(out.toString()) as { size: string; threads: number };
}

describe('the hashing thread pool', () => {
  it('has HASH_CONCURRENCY threads: 1 and 3 differ by exactly two threads', () => {
    const one = run({ HASH_CONCURRENCY: '1' });
    const three = run({ HASH_CONCURRENCY: '3' });
    expect([one.size, three.size]).toEqual(['1', '3']);
    expect(three.threads - one.threads).toBe(2);
  });

  it('has one thread per CPU by default, and an explicit UV_THREADPOOL_SIZE wins', () => {
    expect(run({}).size).toBe(String(os.availableParallelism()));
    expect(run({ HASH_CONCURRENCY: '2', UV_THREADPOOL_SIZE: '5' }).size).toBe('5');
    expect(run({ HASH_CONCURRENCY: 'many' }).size).toBe(String(os.availableParallelism()));
  });
});
