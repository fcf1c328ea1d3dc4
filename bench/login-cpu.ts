/**
 * `npm run bench:login-cpu`: where a login's CPU goes — the server's main thread, each of its other threads (the
 * hashing pool, V8's helpers), PostgreSQL and the load generator, in ms per login under the same load as `npm run
 * bench` (16 connections, each logging in as its own user). CPU time is read from /proc/<pid>/task/<tid>/schedstat (Linux), which
 * counts exactly, not by clock ticks. docs/performance.md's cost figures come from here.
 *
 * Also the share of the machine's CPU left idle during the load.
 *
 * BENCH_SECONDS (10) per measurement, after BENCH_WARMUP (20) seconds of the same load; BENCH_NO_ARGON2=1 swaps argon2.verify for a no-op (bench/no-argon2.cjs) to see
 * the rest alone; BENCH_RATE=n caps the load at n logins a second (a low rate without argon2 shows what idling costs);
 * BENCH_NODE_ARGS adds Node options to the server's (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for a profile).
 * PostgreSQL is every process of the OS user `postgres`, so keep other databases on the machine idle.
 */
import { machineCpu, postgresCpu, threadCpu } from './cpu.js';
import { LOGIN_USERS, loadLogins, startProduct } from './product.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;

/** Logins answered in `seconds` of the bench's login load; any failed request fails the measurement. */
async function loginLoad(url: string, authIds: string[], seconds: number): Promise<number> {
  const figures = await loadLogins(url, authIds, seconds, RATE);
  if (figures.errors || figures.unexpected) throw new Error(`${figures.errors} errors, ${figures.unexpected} non-2xx answers`);
  return figures.total;
}

const product = await startProduct({
  nodeArgs: [...(process.env.BENCH_NO_ARGON2 ? ['--require', './bench/no-argon2.cjs'] : []), ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
});
try {
  const authIds: string[] = [];
  for (let i = 0; i < LOGIN_USERS; i++) authIds.push(await product.newUser(i));
  await loginLoad(product.appUrl, authIds, Number(process.env.BENCH_WARMUP ?? 20)); // warm-up, as in bench/api.ts

  const pid = product.app.pid!;
  const [server0, pg0, self0, machine0] = [threadCpu(pid), postgresCpu(), process.cpuUsage(), machineCpu()];
  const logins = await loginLoad(product.appUrl, authIds, SECONDS);
  const [server1, pg1, self1, machine1] = [threadCpu(pid), postgresCpu(), process.cpuUsage(self0), machineCpu()];

  const perLogin = (seconds: number) => `${((seconds * 1000) / logins).toFixed(3)} ms`;
  console.log(`${(logins / SECONDS).toFixed(1)} logins a second${process.env.BENCH_NO_ARGON2 ? ' (argon2 switched off)' : ''}; CPU per login:`);
  const used = Object.entries(server1).map(([thread, cpu]) => [thread, cpu - (server0[thread] ?? 0)] as const);
  for (const [thread, cpu] of used) {
    if (cpu * 1000 >= logins * 0.01) console.log(`  server ${thread.padEnd(24)} ${perLogin(cpu)}`);
  }
  const pgUsed = [...pg1].reduce((sum, [p, cpu]) => sum + cpu - (pg0.get(p) ?? 0), 0);
  const generatorUsed = (self1.user + self1.system) / 1e6;
  console.log(`  ${'PostgreSQL'.padEnd(31)} ${perLogin(pgUsed)}`);
  console.log(`  ${'load generator (this process)'.padEnd(31)} ${perLogin(generatorUsed)}`);
  // The hashing threads are the server's busiest after the main thread: a verify costs ~20 ms, a V8 helper's share
  // of a login well under 1 ms. What the logins can reach of the bare verify rate is at most argon2's share.
  const hashing = used.filter(([thread, cpu]) => thread !== 'main' && (cpu * 1000) / logins > 3).reduce((s, [, c]) => s + c, 0);
  const all = used.reduce((s, [, c]) => s + c, 0) + pgUsed + generatorUsed;
  if (hashing) console.log(`  argon2's share of the CPU used: ${((100 * hashing) / all).toFixed(1)} %`);
  // CPU that no one used although logins were waiting: e.g. a hashing thread waiting for the main thread to hand
  // it the next hash (hashesInFlight in server/src/modules/password/password-hasher.ts).
  const ticks = machine1.map((t, i) => t - machine0[i]);
  console.log(`  idle CPU while loaded: ${((100 * ticks[3]) / ticks.reduce((a, b) => a + b, 0)).toFixed(1)} %`);
} finally {
  await product.close();
}
process.exit(0);
