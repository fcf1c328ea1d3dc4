/**
 * Run in a child process (its libuv pool size is fixed by UV_THREADPOOL_SIZE at start), by
 * test/unit/modules/password/password-hasher.test.ts: how many verifies the pool's threads compute while the main
 * thread is blocked, and how much memory 20 concurrent verifies take. Prints JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PasswordHasher } from '../../server/src/modules/password/password-hasher.js';

const concurrency = Number(process.argv[2]);
const hasher = new PasswordHasher(concurrency, 100);
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleepMs = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/** the run state of every thread but the main one */
function otherThreadsIdle(): boolean {
  for (const tid of readdirSync('/proc/self/task')) {
    if (tid === String(process.pid)) continue;
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'R') return false;
    } catch {
      // the thread ended
    }
  }
  return true;
}

const rssMb = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

const rssAtStart = rssMb('VmRSS');
const hash = await hasher.hash('warm-up'); // the pool's threads exist and argon2 is loaded

// Verifies, as at login (a hash first makes its salt on the pool, which needs the main thread in between). Hand over
// twice the concurrency, then block the main thread until the pool's threads have nothing left to do (idle
// for 200 consecutive checks, 1 ms apart): the hashes done by then are those that did not need the main thread to be
// started. libuv delivers all finished work at once, in the next poll phase — before the second setImmediate below.
let resolved = 0;
const all = Array.from({ length: 2 * concurrency }, (_, i) => hasher.verify(hash, `password ${i}`).then(() => resolved++));
await new Promise((resolve) => setImmediate(resolve)); // the gate hands hashes over in microtasks
const giveUp = Date.now() + 20_000;
for (let idle = 0; idle < 200 && Date.now() < giveUp; idle = otherThreadsIdle() ? idle + 1 : 0) sleepMs(1);
const whileBlocked = await new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(resolved))));
await Promise.all(all);

// The most memory ever resident at once, over the start: hashing memory is taken by the threads that compute.
await Promise.all(Array.from({ length: 20 }, (_, i) => hasher.verify(hash, `password ${i}`)));
console.log(JSON.stringify({ whileBlocked, peakGrowthMb: rssMb('VmHWM') - rssAtStart }));
