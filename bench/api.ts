/**
 * `npm run bench`: throughput of the real server on loopback, each figure a ratio against a baseline measured in the
 * same run (issue 5, item 7). Targets: `me` ≥ 0.5 × a bare node:http + pg server doing the same session and user
 * lookup; `login` ≥ 0.85 × the bare argon2id verify rate with the same parameters; no figure more than 20 % worse with
 * 100,000 users (and their sessions) in the database. Writes docs/performance.md.
 *
 * Uses DATABASE_URL when set (a scratch database it may fill), else an embedded PostgreSQL (bench/product.ts).
 */
import { writeFile } from 'node:fs/promises';
import { withAdmin } from '../test/support/database-server.js';
import { freePort } from '../test/support/server-process.js';
import { bestArrangement, describeArrangement, verifyRateInFreshProcess, type Arrangement } from './baseline-argon2.js';
import { LOGIN_USERS, loadLogins, startProduct } from './product.js';
import { load, peakMemoryMb, ratio, startNode, stop, type Figures } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** login segments per round, each between two baseline segments */
const LOGIN_SEGMENTS = Number(process.env.BENCH_LOGIN_SEGMENTS ?? 4);
const ME = JSON.stringify({ query: '{ me { authId name email } }' });

/** 100,000 accounts, each with a live session, written straight into the tables. */
function fill(databaseUrl: string): Promise<void> {
  return withAdmin(databaseUrl, async (client) => {
    await client.query(`
      insert into user_account (auth_id, name, sex, birth_date, residence_code, residence_address, phone, email,
        user_class, status, password_hash, password_changed_at, created_at, updated_at)
      select 'fill' || lpad(g::text, 6, '0'), 'FILL USER', 'MALE', '1990-01-01', '131016', '霞が関', '0312345678',
        'fill' || g || '@example.jp', 'FOREIGN_NATIONAL', 'ACTIVE', null, now(), now(), now()
      from generate_series(1, 100000) g`);
    await client.query(`
      insert into session (user_id, token_hash, created_at, last_seen_at, expires_at)
      select id, encode(sha256(convert_to(auth_id, 'utf8')), 'hex'), now(), now(), now() + interval '12 hours'
      from user_account where auth_id like 'fill%'`);
    await client.query('analyze');
  });
}

interface Round {
  me: Figures;
  meBase: Figures;
  login: Figures;
  /** the bare verify rate around the login segments */
  argon2: number;
  /** each login segment against the mean of the baseline segments just before and after it */
  segmentRatios: number[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Logins against the bare verify rate, interleaved — baseline, login, baseline, …, login, baseline, each half of
 * SECONDS — and each login segment compared with the mean of the two baselines around it. This machine's speed drifts
 * by 10–20 % within minutes (the bare rate was 81 a second, then 95 five minutes later); with one baseline measured
 * minutes away from the load, the same code measured anywhere from 0.81 to 0.93.
 */
async function loginAgainstBaseline(appUrl: string, authIds: string[], arrangement: Arrangement) {
  const seconds = SECONDS / 2;
  const bases = [await verifyRateInFreshProcess(seconds, arrangement)];
  const segments: Figures[] = [];
  for (let i = 0; i < LOGIN_SEGMENTS; i++) {
    segments.push(await loadLogins(appUrl, authIds, seconds));
    bases.push(await verifyRateInFreshProcess(seconds, arrangement));
  }
  const around = segments.map((_, i) => (bases[i] + bases[i + 1]) / 2);
  const login: Figures = {
    rps: sum(segments.map((s) => s.rps)) / segments.length,
    total: sum(segments.map((s) => s.total)),
    p99: Math.max(...segments.map((s) => s.p99)),
    errors: sum(segments.map((s) => s.errors)),
    non2xx: sum(segments.map((s) => s.non2xx)),
  };
  return { login, argon2: sum(around) / around.length, segmentRatios: segments.map((s, i) => s.rps / around[i]) };
}

/**
 * Lets PostgreSQL catch up before a measurement, as pgbench does: the dead rows and dirty pages of the previous load
 * (or of the 100,000-user fill) would otherwise be vacuumed and written out during the next one, in the middle of
 * whichever figure happens to run then.
 */
function settle(databaseUrl: string): Promise<void> {
  return withAdmin(databaseUrl, async (client) => {
    await client.query('vacuum (analyze)');
    await client.query('checkpoint').catch((err: Error) => {
      // needs a superuser or pg_checkpoint: a DATABASE_URL with less only skips it
      console.log(`no checkpoint before the figure: ${err.message}`);
    });
  });
}

async function round(appUrl: string, baseUrl: string, authIds: string[], arrangement: Arrangement, databaseUrl: string): Promise<Round> {
  const token = await product.login(authIds[0]);
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  await settle(databaseUrl);
  const meBase = await load({ url: `${baseUrl}/graphql`, headers: auth, body: ME, seconds: SECONDS });
  const me = await load({ url: `${appUrl}/graphql`, headers: auth, body: ME, seconds: SECONDS });
  await settle(databaseUrl);
  return { me, meBase, ...(await loginAgainstBaseline(appUrl, authIds, arrangement)) };
}

const product = await startProduct();
const { appUrl, databaseUrl, app } = product;
const basePort = await freePort();
const baseUrl = `http://127.0.0.1:${basePort}`;
const base = await startNode(['--import', 'tsx', 'bench/baseline-me-server.ts'], { PORT: String(basePort), DATABASE_URL: databaseUrl }, `${baseUrl}/ready`);

try {
  const authIds: string[] = [];
  for (let i = 0; i < LOGIN_USERS; i++) authIds.push(await product.newUser(i));
  // Both servers until V8 has optimised what they run: the product runs far more JavaScript per request than the bare
  // baseline, and with 3 s of warm-up its first \`me\` figure was lower than its second in most runs.
  console.log('warming up …');
  const warm = { headers: { 'content-type': 'application/json', authorization: `Bearer ${await product.login(authIds[0])}` }, body: ME, seconds: 10 };
  await load({ url: `${baseUrl}/graphql`, ...warm });
  await load({ url: `${appUrl}/graphql`, ...warm });
  // Logins for longer: a login runs many functions once each, at tens a second, and V8 optimises them only after a
  // number of runs. A server in service has long passed that point; after 3 s of
  // logins argon2's share of the CPU used was 1–2 points lower than after 20 s (`npm run bench:login-cpu`).
  await loadLogins(appUrl, authIds, 20);
  console.log('choosing the baseline\'s thread arrangement …');
  await settle(databaseUrl); // the warm-up's dead rows would be vacuumed during the first arrangements measured
  const { arrangement, rates } = await bestArrangement(3);
  console.log(`bare verifies a second by arrangement: ${JSON.stringify(rates)}; the baseline uses ${describeArrangement(arrangement)}`);

  console.log('round 1: an empty database');
  const small = await round(appUrl, baseUrl, authIds, arrangement, databaseUrl);
  console.log('filling 100,000 users and sessions …');
  await fill(databaseUrl);
  console.log('round 2: 100,000 users');
  const large = await round(appUrl, baseUrl, authIds, arrangement, databaseUrl);
  const peak = peakMemoryMb(app.pid!);

  const rows = [
    ['me (req/s)', small.me.rps, small.meBase.rps, ratio(small.me.rps, small.meBase.rps), large.me.rps, large.meBase.rps, ratio(large.me.rps, large.meBase.rps)],
    ['login (req/s)', small.login.rps, small.argon2, ratio(small.login.rps, small.argon2), large.login.rps, large.argon2, ratio(large.login.rps, large.argon2)],
  ] as const;
  const fmt = (n: number, d = 0) => n.toFixed(d);
  const table = [
    '| figure | product | baseline | ratio | product, 100k users | baseline, 100k users | ratio, 100k users |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r[0]} | ${fmt(r[1])} | ${fmt(r[2])} | ${fmt(r[3], 3)} | ${fmt(r[4])} | ${fmt(r[5])} | ${fmt(r[6], 3)} |`),
    `| me p99 latency (ms) | ${small.me.p99} | ${small.meBase.p99} | | ${large.me.p99} | ${large.meBase.p99} | |`,
    `| login p99 latency (ms, worst segment) | ${small.login.p99} | | | ${large.login.p99} | | |`,
  ].join('\n');
  const meOk = ratio(small.me.rps, small.meBase.rps) >= 0.5;
  const loginOk = ratio(small.login.rps, small.argon2) >= 0.85;
  const scaleOk = large.me.rps >= small.me.rps * 0.8 && large.login.rps >= small.login.rps * 0.8;
  const errors = small.me.errors + small.me.non2xx + large.me.errors + large.me.non2xx + small.login.errors + large.login.errors;
  const verdict = [
    `- me ≥ 0.5 of its baseline: ${meOk ? 'met' : 'NOT met'}`,
    `- login ≥ 0.85 of the argon2 verify rate: ${loginOk ? 'met' : 'NOT met'}`,
    `- no figure more than 20 % worse with 100,000 users: ${scaleOk ? 'met' : 'NOT met'}`,
    `- login against the baselines around each segment: ${small.segmentRatios.map((r) => fmt(r, 2)).join(', ')}; with 100,000 users: ${large.segmentRatios.map((r) => fmt(r, 2)).join(', ')}`,
    `- peak resident memory of the server process: ${fmt(peak)} MB; request errors: ${errors}`,
  ].join('\n');
  console.log(`\n${table}\n\n${verdict}\n`);
  await writeFile(
    'docs/performance.md',
    `# Performance

Measured by \`npm run bench\` (bench/api.ts) on ${new Date().toISOString().slice(0, 10)}, on this project's 2-core machine,
autocannon on loopback (50 connections for \`me\`, ${SECONDS} s per figure; 16 for \`login\`, each logging in as a user of its
own, again and again), the server started as \`npm start\` starts it, with NODE_ENV=production and the default log level
(info: an access line per request and the security events, written to /dev/null). Baselines run in the same run:
for \`me\`, a bare node:http + pg server doing the same session lookup and sliding update and user read
(bench/baseline-me-server.ts), measured just before the product; for \`login\`, the bare argon2id verify rate with the
product's parameters (m=19456, t=2, p=1) in a fresh process (bench/baseline-argon2.ts), in the best of three thread
arrangements — the product's own (a pool of one thread per CPU, with as many verifies again waiting inside it), one
verify per thread on that pool, or Node's default (4 verifies on its pool of 4), chosen at the start by measuring each
in turn — interleaved with the logins: baseline, login,
baseline, … in ${SECONDS / 2} s segments (${LOGIN_SEGMENTS} of login per round), each login segment compared with the mean of the
baselines just before and after it, because this machine's speed drifts by 10–20 % within minutes. Absolute numbers
depend on the machine and its load; the ratios are the point.

${table}

${verdict}

## What a request costs, and what was done about it

Measured with \`--cpu-prof\` and per-process CPU time (/proc) under the same load, November 2026.

\`me\`: the product pays for Express, Apollo (parse cache lookup, validation rules on a miss, execution),
graphql-shield and the request context on top of the one SQL statement the baseline runs. Before tuning it reached
0.31–0.40 of the baseline (1.7 ms of server CPU per request against the baseline's 0.35 ms, and 0.9 ms of PostgreSQL CPU
against 0.55 ms). Changes, each measured:

- the session lookup is a named prepared statement on the ORM's pool (server/src/db/prepared.ts): PostgreSQL plans it
  once per connection instead of once per request (\`em.execute\` inlines parameters) — PostgreSQL CPU per request now
  equals the baseline's;
- the user read with the session is a plain object (server/src/modules/account/user-view.ts), not an ORM entity
  merged into a unit of work (that mapping was a tenth of the request), and the password hash is no longer read;
- graphql-shield and the service-error mapping wrap only the root fields (below the root every field is reachable only
  through a root field that passed its rule); before, every field of every type ran through two async wrappers;
- Apollo's cache-control plugin is disabled (it instruments every field resolver; /graphql answers no-store anyway);
- the request context forks its unit of work and makes its child logger on first use; \`me\` needs neither.

\`login\`: one argon2id verify (about 20 ms of CPU here) plus everything else, which competes with argon2 for the
same two cores — with PostgreSQL and the load generator too. Before tuning: 0.67–0.70 of the verify rate. Measured per
login with \`/proc\` CPU times of each thread, and with argon2 switched off to see the rest. Changes, each measured:

- the common case (right password, account in good standing) is one statement (server/src/modules/auth/login-at-once.ts)
  instead of a seven-statement transaction; every other case, and a race with another login of the same account, takes
  the full locking path;
- the per-IP failed-login point is taken by the statement that finds the account and given back by the one-statement
  login, instead of two round trips through rate-limiter-flexible (the same upsert on the same row, so the library's
  other limits count alike — test/server/rate-limit); that first statement's commit does not wait for the disk
  (it writes only the point); the hot path runs on the shared entity manager without forking a unit of work;
  together: the server's main thread 1.17 → 0.76 ms and PostgreSQL 0.72 → 0.52 ms per login (argon2 switched off);
- hashing runs on a thread pool of exactly HASH_CONCURRENCY threads, by default one per CPU
  (server/preload/thread-pool.cjs): 2 verifies on 2 threads did 104–106 a second here, 4 on Node's default pool of 4
  only 94–97, and 2 on a pool of 3, 4 or 8 threads 94–100. With the old arrangement the product reached 0.79 of the
  better baseline, with this one 0.84–0.89 in short runs;
- \`LoginSuccess.user\` is read only when asked for, without the ORM; Express no longer hashes each answer for an ETag.
- the event-loop delay metric samples every 100 ms instead of 10: each sample is a timer that wakes an idle process,
  6–7 ms of CPU a second here;
- a second batch of verifies waits inside the thread pool (server/src/modules/password/password-hasher.ts,
  hashesInFlight): before, a hashing thread that finished sat idle until the main thread — busy with other requests,
  or waiting for a core — took the result and handed it the next verify. \`npm run bench:login-cpu\` showed 1.7–2.1 % of
  the machine's CPU idle under the login load; with the second batch, 0.0–0.2 %. The pool's size still bounds the
  verifies computing at once (argon2 takes its 19 MiB when a thread starts one). The bare verify rate gains from the
  same arrangement only about 1 % (its main thread is idle and answers at once), and the baseline uses it when it
  is the best.

Where that leaves \`login\`: **met in each of ten runs when this machine did 112–117 bare verifies a second (described below); in seven of the ten runs before those, made on slower days (94–103 a second where recorded).** Before the baseline was interleaved with the
logins, runs of the same code gave 0.81–0.93 — the bare verify rate itself went from 81 to 95 a second within five
minutes. Interleaved, with the database settled first and before the second batch of verifies, four runs (round 1 /
round 2) gave 0.87 / 0.84, 0.84 / 0.84, 0.84 / 0.84 and 0.84 / 0.84. With the second batch (2026-11-26, ten runs):
0.87 / 0.86, 0.83 / 0.86, 0.86 / 0.82, 0.86 / 0.85, 0.85 / 0.79, 0.87 / 0.84, 0.83 / 0.87, 0.86 / 0.83, 0.82 / 0.85 and
0.90 / 0.90 — without the last, round 1 averages 0.85 (six of nine runs at 0.85 or more) and round 2, with 100,000
users, 0.84; single 5 s segments ranged from 0.71 to 0.96, and the machine's bare verify rate from 72 to 94 a second
between runs. A steady 50 s login load showed no decline from the dead rows it leaves (session rows are revoked and
inserted, never updated in place): its 5 s rates moved with the machine, not with the table. Two runs are outliers
with known causes: in the 0.85 / 0.79 run the
machine slowed by a fifth during round 2 (the bare rate fell from 94 to 72 a second, the logins' p99 latency doubled);
in the 0.90 / 0.90 run the choice of arrangement, then made from two passes right after the warm-up, picked Node's
default pool at 82 a second against 67–68 for the others (which measured 2 % better than it minutes later) — a baseline
too easy, so the choice is now made from three passes after the database has settled.

**Logging.** The runs above logged at level warn; the bench now runs the server at the production default, info,
under which every request writes an access line and every login a security event, synchronously, to stdout (here
/dev/null). Measured on 2026-11-26, alternated: 0.03 ms more main thread per login with argon2 off (three runs each),
about 0.3 % of a login; \`me\` against its baseline, 6 s each, two products at each level: 0.486, 0.489, 0.624, 0.654
at warn and 0.532, 0.512, 0.525, 0.618 at info — no difference that this machine can show. The first three whole runs
at info gave \`login\` 0.849 / 0.84, 0.833 / 0.846 and 0.855 / 0.866, and \`me\` 0.54 / 0.55, 0.45 / 0.54 and
0.44 / 0.52: \`me\` 0.44–0.74 across today's runs, mean about 0.55, its first round lower than its second in most
runs — the warm-up (3 s of each load) was too short for V8 to optimise the product's far larger request path. With
10 s of \`me\` against each server and 5 s of logins first, the next four runs gave \`me\` 0.606 / 0.568, 0.530 / 0.555,
0.579 / 0.462 and 0.559 / 0.517, \`login\` 0.865 / 0.835, 0.893 / 0.853, 0.858 / 0.865 and 0.831 / 0.869 (the second
is the table above as committed on 2026-11-26): every target met in two of the four; the others missed \`login\` ≥ 0.85
once (0.831) and, once, the 100,000-user \`me\` figure fell 24 % below the first round's (1,010 against 1,332 a
second; its baseline fell 5 %). The table prints ratios with three decimals since a 0.849 printed as 0.85 beside
"NOT met" misled.

**V8 tiering and a longer warm-up (2026-11-26).** A system-wide \`perf\` profile of the login load
(\`--perf-basic-prof\`) put two thirds of the main thread's time in V8's own builtins — inline-cache misses of
megamorphic property loads, Sparkplug prologues, slow lookups — and a fifth in optimised code: at 85 logins a second
the hundreds of functions a login runs once each stayed in V8's baseline tier for minutes (by default a function is
optimised after about 200 KB of its bytecode has run). On Node 20, server/preload/v8-tiering.cjs lowered V8's interrupt budget from
66 KB to 8 KB for the server (dropped with Node 24, see the last section): the main thread per login fell from 2.07–2.33 ms to 1.63–1.96 ms, argon2's share of all
CPU used under the login load (\`npm run bench:login-cpu\` prints it) rose from 83.0–83.4 % to 83.6–85.0 % (six runs
each, alternated), and 4 KB, or feedback vectors allocated at once, gained nothing more. The bench's login warm-up is
now 20 s instead of 5: after 3 s argon2's share was 84.1–84.9 %, after 20 s 86.1–86.3 % — a server in service is long
past that point. In that steady state, per login: 1.6–1.7 ms of main thread, V8's helpers about 0.06 ms (compilation
done), PostgreSQL 0.88 ms, the load generator 0.25–0.33 ms, against 19.2–19.6 ms of argon2 — a share of 86.0–87.1 %,
the ceiling of the \`login\` ratio on this machine. The system-wide profile showed nothing else worth a change: the
main thread's remaining time is spread over some forty places (Node's HTTP and stream code, socket writes on loopback
9 %, Apollo 6 %, pg 9 %, the argon2 wrapper's PHC parsing 4 %, logging 5 %, none above a tenth), and PostgreSQL's over
executor start-up of the login statement, its index work and the commit's fdatasync (a tenth); switching off the
foreign-key triggers of session and auth_event, or giving each user a client address of its own, changed nothing
measurable. Six
whole runs with both changes: \`login\` 0.867 / 0.849, 0.869 / 0.864, 0.874 / 0.857, 0.841 / 0.810, 0.863 / 0.863
and 0.847 / 0.843 — round 1 met the target in four of six, mean 0.860 (before: 0.855, six of nine):
the ceiling (argon2's share, 0.87) lies one noise-width above the target, which is met on average, not in every run. \`me\` in the same runs:
0.602 / 0.684, 0.678 / 0.612, 0.577 / 0.563, 0.574 / 0.518, 0.614 / 0.606 and 0.697 / 0.683; peak memory 422–448 MB.
Four more whole runs in a later session, with the machine's bare verify rate at 94–103 a second: \`login\` 0.864 / 0.887,
0.847 / 0.854, 0.857 / 0.854 and 0.870 / 0.858 (the table until the runs below), \`me\` 0.669 / 0.585, 0.596 / 0.595, 0.572 / 0.507 and
0.604 / 0.599, peak memory 430–459 MB: round 1 met the target in seven of these ten runs, mean 0.860. Measured then
and dropped: pino writing synchronously instead of through libuv's pool, which the hashes fill (main thread
1.72–1.96 ms per login either way, three alternated runs each); Debian's PostgreSQL 15 instead of the embedded
build (0.05–0.1 ms less database CPU per login, within the noise); each hashing thread pinned to a CPU of its own
(argon2's share 85.3–85.9 % against 85.1–85.9 % unpinned, three alternated runs each).

**Ten runs at the machine's full speed (2026-11-26, evening).** The same code, with the machine's bare verify rate at
112–117 a second (the table above is the last of them): \`login\` 0.890 / 0.877, 0.864 / 0.875, 0.865 / 0.887,
0.877 / 0.892, 0.883 / 0.876, 0.881 / 0.903, 0.884 / 0.897, 0.874 / 0.885, 0.883 / 0.879 and 0.884 / 0.880 — the
target met in every run, round 1's mean 0.879 (lowest 0.864), each of the 80 five-second segments at 0.86 or more;
\`me\` 0.618–0.709, with 100,000 users 0.652–0.689; peak memory 403–427 MB; no request errors. Per login under that
load (\`npm run bench:login-cpu\`, three runs): main thread 1.28–1.41 ms, PostgreSQL 0.71–0.80, load generator
0.22–0.33, argon2 17.3–17.5 — a share of 86.9–88.4 %. At this speed the part of a login that is not argon2 costs about
30 % less than on the slower days (main thread 1.6–2.2 ms, PostgreSQL 0.9–1.2), argon2 only about 12 % less
(19.2–20.5 ms then), so the ceiling sits further above the target. The main thread's own time is spread as thinly
as before (a \`perf\` profile of it: V8's inline-cache and lookup builtins, the kernel's context switches and loopback
writes 16 %, no function of the product's or a library's above 1 %).

Before that change and the longer warm-up, what remained per login at about 80 logins a second (per thread, from /proc schedstat: \`npm run bench:login-cpu\`,
with BENCH_NO_ARGON2=1 and BENCH_RATE=80 for the figures without argon2): 2.2–2.4 ms of the
server's main thread, 0.4 ms of V8's helper threads, 0.85–0.95 ms of PostgreSQL and 0.5 ms of the load generator,
against about 21 ms of argon2 — on two cores that all of them share (on 2026-11-26, a slower day for this machine:
2.4–3.6 ms of main thread, 0.5 of helpers, 1.05–1.35 of PostgreSQL, against 21.5–22.5 of argon2). The main thread's share is less what its code
costs than where it runs: 0.73–0.85 ms per login at 1,000 logins a second with argon2 switched off, 1.26 ms at 80 a
second with argon2 off, 2.2 ms at 80 a second with argon2 on (argon2 streams 19 MiB per verify through the caches the
main thread's code and data need, and at a low rate each request starts cold); with the second core idle (one hashing
thread) it was 3 ms. So trimming its code pays about double. Measured and not done, too small or not worth its cost: a
plain pg pool instead of the ORM's for the prepared statements (no gain), asynchronous commits for the login itself
(no gain under load, and a crash could forget a session or a superseding), a larger V8 young generation,
single-threaded GC or \`--single-threaded\` V8 (no gain), a lower priority for the hashing threads (worse), SCHED_BATCH
for the main thread or nice 19 for the load generator (no gain), one autocannon instance per user, or 4 connections
instead of 16 (no gain; each connection's request is now built once, which saves the load generator about 0.1 ms a
login), each user logging in from an address of its own through a trusted
proxy (0.14 ms less PostgreSQL per login — every login from one address updates one rate-limit row — but as much more
in the main thread), forcing generic plans (the prepared statements already use them). PostgreSQL over a Unix socket on
the same machine measured 3 % less server and 5 % less database CPU per login without argon2 (not done: small, and
production databases are usually elsewhere). Measured and not done as well: answering POST \`/graphql\` straight from node:http to Apollo, without Express (a
throw-away patch): Express, its body parser and the integration cost 0.14 ms per login with argon2 off (0.645 → 0.50
ms) and 0.26 ms under the login load (2.05 → 1.79 ms, three runs each) — about 1 % of a login, within the noise of
the throughput; the stack fixes \`@as-integrations/express5\`, and 1 % does not pay for a second HTTP path. Apollo's
query hash does \`module.require('crypto')\` on every request, which under tsx goes through tsx's resolver (2 µs
warm, several times that cold): small, left alone — and the whole server compiled by tsc and run without tsx measured
3.35 against 3.46 ms of main thread per login under the login load (four runs each, alternated; within the noise),
so \`npm start\` keeps running the sources through tsx. A pool of 3 database connections instead of 10: no difference.
MikroORM's flush and transactions use AsyncLocalStorage, which on Node 20 switches on async hooks for every promise of
the process for good: about 5 % of the main thread's time per login with argon2 off (init hooks, context
propagation), not avoidable while the ORM relies on it (Node 22's AsyncContextFrame would remove it).

## Node 24 against Node 20 (issue 18, 2026-12-07)
The product moved from Node 20 to Node 24 LTS together with its dependencies (MikroORM 7, graphile-worker 0.18,
argon2 0.45, SvelteKit 3 …) and without the Node 20-only V8 flag of server/preload/v8-tiering.cjs (the flag does not
exist on Node 22+; its nearest Node 24 equivalents, --invocation-count-for-turbofan=300 and
--invocation-count-for-maglev=50, left argon2's share of the login CPU at 87.3–87.6 % with and without them, two runs
each of \`npm run bench:login-cpu\`, so none is set). \`npm run bench\` ran alternately on the last Node 20 commit
(c159d7b, Node 20.20.2, its own dependencies) and on Node 24.22.3 (this code), three pairs, each figure against its
baselines measured in the same run on the same Node. The machine ran at about half its usual speed that day (bare
argon2id verifies 47–62 a second against 112–117 on good days); in the first pair another engineer's tests ran beside
the bench, the second and third pairs had the machine to themselves.

| pair | Node | me / baseline (req/s) | ratio | 100k users | login / argon2 (req/s) | ratio | 100k users |
|---|---|---|---|---|---|---|---|
| 1 (loaded) | 20 | 426 / 603 | 0.705 | 0.722 | 38 / 40 | 0.929 | 0.877 |
| 1 (loaded) | 24 | 560 / 722 | 0.776 | 0.652 | 23 / 26 | 0.917 | 0.886 |
| 2 | 20 | 835 / 1752 | 0.477 | 0.512 | 49 / 59 | 0.842 | 0.778 |
| 2 | 24 | 949 / 1464 | 0.648 | 0.706 | 44 / 51 | 0.879 | 0.863 |
| 3 | 20 | 658 / 1344 | 0.489 | 0.565 | 48 / 56 | 0.863 | 0.845 |
| 3 | 24 | 961 / 1385 | 0.694 | 0.761 | 49 / 57 | 0.867 | 0.894 |

Node 24 is no worse: in both quiet pairs every ratio is higher on Node 24 — \`me\` by 0.17–0.21 (in the third pair,
with the baselines within 3 % of each other, 961 against 658 requests a second), \`login\` by 0.004–0.05; the peak
resident memory of the server was 395 MB on Node 24 and 391 MB on Node 20 in the third pair. (The \`me\` figures here
use one session on all 50 connections, the bench's shape since issue 5; issue 21 replaces it with distinct sessions.)
`,
  );
  console.log('wrote docs/performance.md');
} finally {
  await stop(base);
  await product.close();
}
process.exit(0);
