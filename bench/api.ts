/**
 * `npm run bench`: throughput of the real server on loopback, each figure a ratio against a baseline measured in the
 * same run, in shapes real users make: `me` with a session of its own on each connection (and, as a second line, one
 * session on all of them), the logged-in menu page (/menu, server-rendered) with a session per connection, and the
 * login both as an API call and as the web client's form post, each user logging in as itself. Targets:
 * `me` (distinct sessions) ≥ 0.6 × a bare node:http + pg server doing the same session and user lookup, p99 ≤ 50 ms;
 * /menu ≥ 0.5 × the product's own `me` rate; `login` ≥ 0.85 × the bare argon2id verify rate with the same parameters;
 * no figure more than 20 % worse with 1,000,000 applicants (10 % of them logged in), 1,000,000 COEs and 10,000,000
 * audit events in the tables than with 1,000 applicants (and 1,000 COEs, 10,000 events). Writes the results part of
 * docs/performance.md (between its bench markers), with the machine's state.
 *
 * The rows are written by COPY … FROM STDIN (test/support/copy-seed.ts) before each round; the sizes come from
 * BENCH_SMALL (1000) and BENCH_LARGE (1000000) applicants, BENCH_COES (as many as BENCH_LARGE) and BENCH_AUDIT_EVENTS
 * (10 × BENCH_LARGE) in the second round — the first gets the same proportions of BENCH_SMALL — and
 * BENCH_LIVE_SESSION_EVERY (10: every tenth active applicant has a live session, the others an ended one). Short runs:
 * e.g. BENCH_LARGE=20000 BENCH_SECONDS=3.
 *
 * Uses DATABASE_URL when set (a scratch database it may fill), else an embedded PostgreSQL (bench/product.ts).
 */
import os from 'node:os';
import { copyApplicants, copyAuditEvents, copyCoes, copySessions, seedStaff, withIndexesRebuilt } from '../test/support/copy-seed.js';
import { withAdmin } from '../test/support/database-server.js';
import { freePort } from '../test/support/server-process.js';
import { bestArrangement, describeArrangement, verifyRateInFreshProcess, type Arrangement } from './baseline-argon2.js';
import { LOGIN_USERS, PASSWORD, loadLogins, loadMe, loadMenu, newUsers, startProduct } from './product.js';
import { load, peakMemoryMb, ratio, startNode, stop, writeResultsSection, type Figures } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** login segments per round, each between two baseline segments */
const LOGIN_SEGMENTS = Number(process.env.BENCH_LOGIN_SEGMENTS ?? 4);
/** connections of the `me` and /menu loads, each with a session (and a user) of its own */
const CONNECTIONS = 50;

const SMALL = Number(process.env.BENCH_SMALL ?? 1000);
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const LIVE_SESSION_EVERY = Number(process.env.BENCH_LIVE_SESSION_EVERY ?? 10);

interface Sizes {
  applicants: number;
  coes: number;
  auditEvents: number;
}

const large: Sizes = {
  applicants: LARGE,
  coes: Number(process.env.BENCH_COES ?? LARGE),
  auditEvents: Number(process.env.BENCH_AUDIT_EVENTS ?? 10 * LARGE),
};
const small: Sizes = {
  applicants: SMALL,
  coes: Math.round((large.coes * SMALL) / LARGE),
  auditEvents: Math.round((large.auditEvents * SMALL) / LARGE),
};
const EMPTY: Sizes = { applicants: 0, coes: 0, auditEvents: 0 };
const n = (x: number) => x.toLocaleString('en');
const describeSizes = (s: Sizes) => `${n(s.applicants)} applicants, ${n(s.coes)} COEs and ${n(s.auditEvents)} audit events`;

/**
 * Fills the tables from `from` up to `to` by COPY (test/support/copy-seed.ts): applicants, a session each (every
 * LIVE_SESSION_EVERY-th active one live), COEs and audit events, then ANALYZE. Returns the seconds it took.
 */
function fill(databaseUrl: string, from: Sizes, to: Sizes): Promise<number> {
  const now = new Date();
  const started = Date.now();
  return withAdmin(databaseUrl, async (client) => {
    const staff = await seedStaff(client);
    const applicants = to.applicants - from.applicants;
    await withIndexesRebuilt(client, 'user_account', applicants, () => copyApplicants(client, from.applicants, to.applicants, now));
    await withIndexesRebuilt(client, 'session', applicants, () => copySessions(client, from.applicants, to.applicants, now, LIVE_SESSION_EVERY));
    await withIndexesRebuilt(client, 'coe', to.coes - from.coes, () => copyCoes(client, from.coes, to.coes, to.applicants, staff, now));
    await withIndexesRebuilt(client, 'audit_event', to.auditEvents - from.auditEvents, () => copyAuditEvents(client, to.auditEvents - from.auditEvents, to.applicants, staff));
    await client.query('analyze');
    return (Date.now() - started) / 1000;
  });
}

/** The tables' sizes on disk (with their indexes), for the record. */
function tableSizes(databaseUrl: string): Promise<string> {
  return withAdmin(databaseUrl, async (client) => {
    const { rows } = await client.query<{ t: string; size: string }>(
      `select t, pg_size_pretty(pg_total_relation_size(t::regclass)) as size from unnest(array['user_account', 'session', 'coe', 'audit_event']) t`);
    return rows.map((r) => `${r.t} ${r.size}`).join(', ');
  });
}

interface Round {
  /** `me`, a session per connection, and its baseline with the same sessions */
  me: Figures;
  meBase: Figures;
  /** `me`, one session on every connection (the shape of the earlier runs), and its baseline */
  meOne: Figures;
  meOneBase: Figures;
  /** GET /menu with a session per connection (against the product's own `me` above) */
  menu: Figures;
  login: Logins;
  /** the web client's login form (POST /login, answered with 303 to /menu) */
  formLogin: Logins;
}

interface Logins {
  figures: Figures;
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
async function loginsAgainstBaseline(segment: (seconds: number) => Promise<Figures>, arrangement: Arrangement): Promise<Logins> {
  const seconds = SECONDS / 2;
  const bases = [await verifyRateInFreshProcess(seconds, arrangement)];
  const segments: Figures[] = [];
  for (let i = 0; i < LOGIN_SEGMENTS; i++) {
    segments.push(await segment(seconds));
    bases.push(await verifyRateInFreshProcess(seconds, arrangement));
  }
  const around = segments.map((_, i) => (bases[i] + bases[i + 1]) / 2);
  const figures: Figures = {
    rps: sum(segments.map((s) => s.rps)) / segments.length,
    total: sum(segments.map((s) => s.total)),
    p99: Math.max(...segments.map((s) => s.p99)),
    errors: sum(segments.map((s) => s.errors)),
    unexpected: sum(segments.map((s) => s.unexpected)),
    statuses: segments.reduce<Record<string, number>>((all, s) => {
      for (const [code, n] of Object.entries(s.statuses)) all[code] = (all[code] ?? 0) + n;
      return all;
    }, {}),
  };
  return { figures, argon2: sum(around) / around.length, segmentRatios: segments.map((s, i) => s.rps / around[i]) };
}

/** The web client's login form, one connection per user, as a browser without JavaScript posts it. */
function loadFormLogins(appUrl: string, authIds: string[], seconds: number): Promise<Figures> {
  const bodies = authIds.map((authId) => new URLSearchParams({ authId, password: PASSWORD }).toString());
  return load({
    url: `${appUrl}/login`,
    // as a browser without JavaScript sends it: SvelteKit answers other Accept headers with JSON instead of the 303
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml', origin: appUrl },
    bodies,
    connections: authIds.length,
    seconds,
    expectStatus: 3,
  });
}

/**
 * Lets PostgreSQL catch up before a measurement, as pgbench does: the dead rows and dirty pages of the previous load
 * (or of the COPY fill) would otherwise be vacuumed and written out during the next one, in the middle of
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

/** Product and baseline back to back, the baseline first in odd rounds and second in even ones. */
async function pair(n: number, product: () => Promise<Figures>, baseline: () => Promise<Figures>): Promise<[Figures, Figures]> {
  if (n % 2 === 1) {
    const b = await baseline();
    return [await product(), b];
  }
  const p = await product();
  return [p, await baseline()];
}

async function round(n: number, appUrl: string, baseUrl: string, meUsers: string[], loginUsers: string[], arrangement: Arrangement, databaseUrl: string): Promise<Round> {
  // a fresh session per user (a login ends the user's previous one), one user per connection
  const tokens = await Promise.all(meUsers.map((authId) => product.login(authId)));
  const me = (url: string, sessions: string[]) => () =>
    loadMe(url, sessions, { seconds: SECONDS, connections: CONNECTIONS });
  await settle(databaseUrl);
  const [meFigures, meBase] = await pair(n, me(appUrl, tokens), me(baseUrl, tokens));
  const [meOne, meOneBase] = await pair(n, me(appUrl, [tokens[0]]), me(baseUrl, [tokens[0]]));
  const menu = await loadMenu(appUrl, tokens, { seconds: SECONDS, connections: CONNECTIONS });
  await settle(databaseUrl);
  const login = await loginsAgainstBaseline((seconds) => loadLogins(appUrl, loginUsers, seconds), arrangement);
  await settle(databaseUrl);
  const formLogin = await loginsAgainstBaseline((seconds) => loadFormLogins(appUrl, loginUsers, seconds), arrangement);
  return { me: meFigures, meBase, meOne, meOneBase, menu, login, formLogin };
}

/** What the machine was doing and what it is, for the record beside the figures. */
function machineState(bareVerifies: Record<string, number>, loadBefore: number[]): string {
  const rates = Object.entries(bareVerifies).map(([arrangement, rate]) => `${rate.toFixed(0)} (${arrangement})`);
  return [
    `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}`,
    `load average as the bench started ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`,
    `bare argon2id verifies a second (the machine's speed that day): ${rates.join(', ')}`,
  ].join('; ');
}

const product = await startProduct();
const { appUrl, databaseUrl, app } = product;
const basePort = await freePort();
const baseUrl = `http://127.0.0.1:${basePort}`;
const base = await startNode(['--import', 'tsx', 'bench/baseline-me-server.ts'], { PORT: String(basePort), DATABASE_URL: databaseUrl }, `${baseUrl}/ready`);
const loadBefore = os.loadavg();

try {
  console.log(`registering ${LOGIN_USERS + CONNECTIONS} users through the real flow …`);
  const loginUsers = await newUsers(product, LOGIN_USERS);
  const meUsers = await newUsers(product, CONNECTIONS, LOGIN_USERS);
  // Both servers until V8 has optimised what they run: the product runs far more JavaScript per request than the bare
  // baseline, and with 3 s of warm-up its first `me` figure was lower than its second in most runs.
  console.log('warming up …');
  const warmTokens = await Promise.all(meUsers.map((authId) => product.login(authId)));
  await loadMe(baseUrl, warmTokens, { seconds: 10 });
  await loadMe(appUrl, warmTokens, { seconds: 10 });
  await loadMenu(appUrl, warmTokens, { seconds: 5 });
  // Logins for longer: a login runs many functions once each, at tens a second, and V8 optimises them only after a
  // number of runs. A server in service has long passed that point; after 3 s of
  // logins argon2's share of the CPU used was 1–2 points lower than after 20 s (`npm run bench:login-cpu`).
  await loadLogins(appUrl, loginUsers, 15);
  await loadFormLogins(appUrl, loginUsers, 5);
  console.log(`filling ${describeSizes(small)} by COPY …`);
  const smallFill = await fill(databaseUrl, EMPTY, small);
  console.log("choosing the baseline's thread arrangement …");
  await settle(databaseUrl); // the warm-up's dead rows would be vacuumed during the first arrangements measured
  const { arrangement, rates } = await bestArrangement(3);
  console.log(`bare verifies a second by arrangement: ${JSON.stringify(rates)}; the baseline uses ${describeArrangement(arrangement)}`);

  console.log(`round 1: ${describeSizes(small)}`);
  const first = await round(1, appUrl, baseUrl, meUsers, loginUsers, arrangement, databaseUrl);
  console.log(`filling up to ${describeSizes(large)} by COPY …`);
  const largeFill = await fill(databaseUrl, small, large);
  const sizes = await tableSizes(databaseUrl);
  console.log(`filled in ${largeFill.toFixed(0)} s: ${sizes}`);
  console.log(`round 2: ${describeSizes(large)}`);
  const second = await round(2, appUrl, baseUrl, meUsers, loginUsers, arrangement, databaseUrl);
  const peak = peakMemoryMb(app.pid!);
  const S = `${n(SMALL)} applicants`;
  const L = `${n(LARGE)} applicants`;

  const fmt = (x: number, d = 0) => x.toFixed(d);
  const row = (name: string, a: Figures, b: number, c: Figures, d: number, note = '') =>
    `| ${name} | ${fmt(a.rps)} | ${fmt(b)} | ${fmt(ratio(a.rps, b), 3)} | ${a.p99} | ${fmt(c.rps)} | ${fmt(d)} | ${fmt(ratio(c.rps, d), 3)} | ${c.p99} |${note}`;
  const table = [
    `| figure (requests a second) | product, ${S} | baseline | ratio | p99 ms | product, ${L} | baseline | ratio | p99 ms |`,
    '|---|---|---|---|---|---|---|---|---|',
    row('`me`, a session per connection / bare server', first.me, first.meBase.rps, second.me, second.meBase.rps),
    row('`me`, one session on all connections / bare server', first.meOne, first.meOneBase.rps, second.meOne, second.meOneBase.rps),
    row('/menu, a session per connection / the product\'s `me`', first.menu, first.me.rps, second.menu, second.me.rps),
    row('login (API) / argon2id verifies', first.login.figures, first.login.argon2, second.login.figures, second.login.argon2),
    row('login (web form) / argon2id verifies', first.formLogin.figures, first.formLogin.argon2, second.formLogin.figures, second.formLogin.argon2),
    `| bare server's p99 for \`me\` (ms), a session per connection / one session | ${first.meBase.p99} / ${first.meOneBase.p99} | | | | ${second.meBase.p99} / ${second.meOneBase.p99} | | | |`,
  ].join('\n');
  const meRatio = ratio(first.me.rps, first.meBase.rps);
  const named = (r: Round) => ({ me: r.me, 'me (one session)': r.meOne, '/menu': r.menu, login: r.login.figures, 'login form': r.formLogin.figures });
  const names = Object.keys(named(first)) as (keyof ReturnType<typeof named>)[];
  // each figure with the large tables against itself with the small ones (requests a second)
  const change = (name: (typeof names)[number]) => ratio(named(second)[name].rps, named(first)[name].rps);
  const percent = (x: number) => `${x >= 1 ? '+' : '−'}${fmt(Math.abs(x - 1) * 100)} %`;
  const growth = names.map((name) => `${name} ${percent(change(name))}`).join(', ');
  // The same, each figure first divided by a baseline of its own round that the tables' size does not move as much
  // (the argon2 rate none at all): on a machine shared with other work the rates drift by 20 % between rounds, and
  // this tells the drift from the size. /menu against the bare `me` server (its own yardstick, the product's `me`, is
  // itself one of the figures).
  const bases = (r: Round) => ({ me: r.meBase.rps, 'me (one session)': r.meOneBase.rps, '/menu': r.meBase.rps, login: r.login.argon2, 'login form': r.formLogin.argon2 });
  const normalisedChange = (name: (typeof names)[number]) =>
    ratio(named(second)[name].rps / bases(second)[name], named(first)[name].rps / bases(first)[name]);
  const normalised = names.map((name) => `${name} ${percent(normalisedChange(name))}`).join(', ');
  const checks: [string, boolean][] = [
    [`\`me\` (a session per connection) ≥ 0.6 of its baseline, ${S}`, meRatio >= 0.6],
    [`\`me\` p99 ≤ 50 ms at 50 connections, ${S} (${L}: ${second.me.p99} ms)`, first.me.p99 <= 50],
    [`/menu ≥ 0.5 of the product's \`me\` rate, ${S}`, ratio(first.menu.rps, first.me.rps) >= 0.5],
    [`login ≥ 0.85 of the argon2 verify rate, ${S}`, ratio(first.login.figures.rps, first.login.argon2) >= 0.85],
    // Judged as every target here is, against a baseline of the same round (the project's rule for speed targets):
    // the raw rates are printed too, but between two rounds minutes apart the machine alone moved them by 20–35 %.
    [
      `no figure more than 20 % worse with ${describeSizes(large)} than with ${describeSizes(small)}, each against its round's baseline`,
      names.every((name) => normalisedChange(name) >= 0.8),
    ],
    [`the same on the raw rates (the machine's drift between the rounds included)`, names.every((name) => change(name) >= 0.8)],
  ];
  const failures = [named(first), named(second)]
    .flatMap((figures, i) => Object.entries(figures).map(([name, f]) => [`${name}, ${i ? L : S}`, f] as const))
    .filter(([, f]) => f.errors + f.unexpected > 0)
    .map(([name, f]) => `${name}: ${f.errors} errors, ${f.unexpected} unexpected answers (statuses ${JSON.stringify(f.statuses)})`);
  const errors = failures.length ? failures.join('; ') : 'none';
  const verdict = [
    ...checks.map(([what, ok]) => `- ${what}: ${ok ? 'met' : 'NOT met'}`),
    `- the growth of each figure, ${L} against ${S}: ${growth}; each against its round's baseline: ${normalised}`,
    `- login (API) against the baselines around each segment: ${first.login.segmentRatios.map((r) => fmt(r, 2)).join(', ')}; with ${L}: ${second.login.segmentRatios.map((r) => fmt(r, 2)).join(', ')}`,
    `- login (web form) likewise: ${first.formLogin.segmentRatios.map((r) => fmt(r, 2)).join(', ')}; with ${L}: ${second.formLogin.segmentRatios.map((r) => fmt(r, 2)).join(', ')}`,
    `- peak resident memory of the server process: ${fmt(peak)} MB; request errors and unexpected answers: ${errors}`,
  ].join('\n');
  console.log(`\n${table}\n\n${verdict}\n`);
  await writeResultsSection('bench', 'npm run bench', '## Latest run',
    `Measured by \`npm run bench\` (bench/api.ts) on ${new Date().toISOString().slice(0, 10)}: ${machineState(rates, loadBefore)}.
autocannon on loopback, ${SECONDS} s per
figure; ${CONNECTIONS} connections for \`me\` and /menu, each with a session and a user of its own (the second \`me\` line: one session on
all ${CONNECTIONS}); ${LOGIN_USERS} connections for the logins, each logging in as a user of its own, again and again. In odd rounds the
baseline runs first, in even rounds the product. Round 1 with ${describeSizes(small)} in the tables, round 2 with
${describeSizes(large)}: written by COPY … FROM STDIN (test/support/copy-seed.ts; ${fmt(smallFill, 1)} s and ${fmt(largeFill)} s), each
applicant with a session row — every ${LIVE_SESSION_EVERY === 1 ? '' : `${LIVE_SESSION_EVERY}th `}active one live, the others ended —, the audit events a verifying hash
chain; on disk then: ${sizes}. The measured users are ${LOGIN_USERS + CONNECTIONS} more, registered through the real flow.

${table}

${verdict}`,
  );
  console.log('wrote the results part of docs/performance.md');
} finally {
  await stop(base);
  await product.close();
}
process.exit(0);
