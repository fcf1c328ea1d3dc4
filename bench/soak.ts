/**
 * `npm run bench:soak` (issue 21 point 5): the product under a steady mixed load for SOAK_MINUTES (default 10) at 70 %
 * of the maximum that mix reached, measured first in the same run. Four parts at once, each its own autocannon
 * instance with its own connections (MIX): `me` (POST /graphql, a session and a user of its own per connection), the
 * logged-in menu page (GET /menu, a session cookie per connection), logins (each connection a user logging in as itself
 * again and again) and registrations (`register`, every request a new person with a new e-mail address, whose mail the
 * worker delivers to the SMTP receiver). Every minute: requests a second and p99 per part, errors and unexpected
 * answers, the server's resident memory (VmRSS) and V8 heap used (/metrics), the outbox's unsent rows. Afterwards it
 * waits for the outbox to drain and checks that every accepted registration's mail arrived exactly once.
 *
 * Verdicts: no errors; p99 stable (each part's last minute within 1.5 × its second minute); resident memory grown
 * less than 10 % from the end of minute 2 (the warm-up) to the end; the outbox drained. Writes its part of
 * docs/performance.md ("Soak", between its markers). DATABASE_URL as in bench/product.ts (else an embedded PostgreSQL).
 * SOAK_WARM_SECONDS / SOAK_MAX_SECONDS shorten the warm-up and the saturating run while developing.
 */
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type autocannon from 'autocannon';
import pg from 'pg';
import { JSON_HEADERS, loadLogins, loadMe, loadMenu, newUsers, startProduct } from './product.js';
import { load, writeResultsSection, type Figures } from './support.js';

const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WARM_SECONDS = Number(process.env.SOAK_WARM_SECONDS ?? 20);
const MAX_SECONDS = Number(process.env.SOAK_MAX_SECONDS ?? 25);
const SHARE = 0.7;
/** how long the outbox may take to drain once the load stops */
const DRAIN_SECONDS = 180;
/** p99 stability: the last minute's p99 at most this many times the second minute's */
const P99_FACTOR = 1.5;
const MEMORY_GROWTH = 0.1;

/**
 * The mix: connections per part. What a portal sees — mostly pages and `me` (a logged-in user reads several pages
 * after each login; partner systems poll `me`), some logins, few registrations. At saturation every connection waits
 * in the same queue, so the cheap parts' rates follow their connection counts and the login's follows the hashing
 * threads (an argon2id verify is ~20 ms of CPU, a page ~1.5 ms); one registration connection is the least autocannon
 * can run.
 */
const MIX = { me: 20, menu: 20, login: 2, register: 1 } as const;
type Part = keyof typeof MIX;
const PARTS = Object.keys(MIX) as Part[];
const LABEL: Record<Part, string> = { me: '`me`', menu: '/menu', login: 'login', register: 'register' };

const REGISTER = 'mutation($i: RegisterInput!) { register(input: $i) { __typename ... on RegistrationAccepted { email } } }';
/** Tokyo's wards: residences a registration may name */
const RESIDENCES = ['131016', '131024', '131032', '131041', '131059'];
const RUN = Date.now().toString(36);
const isSoakAddress = (to: string) => to.startsWith(`soak.${RUN}.`);

/** A new person each time: name, birth date, phone and address all different, as a stream of real sign-ups is. */
let registrations = 0;
function registrationBody(): string {
  const n = registrations++;
  const letters = Array.from({ length: 5 }, (_, i) => String.fromCharCode(65 + (Math.floor(n / 26 ** i) % 26))).join('');
  const email = `soak.${RUN}.${n}@example.jp`;
  const input = {
    name: `SOAK ${letters}`, sex: n % 2 ? 'MALE' : 'FEMALE', birthYear: String(1950 + (n % 55)), birthMonth: String(1 + (n % 12)),
    birthDay: String(1 + (n % 28)), residenceCode: RESIDENCES[n % RESIDENCES.length], residenceAddress: '霞が関１－１－１',
    phone: `03${String(n % 1e8).padStart(8, '0')}`, email, emailConfirmation: email, userClass: 'FOREIGN_NATIONAL', termsAccepted: true,
  };
  return JSON.stringify({ query: REGISTER, variables: { i: input } });
}

/** Registrations the server accepted (its answer names the address), to compare with the mail that arrives. */
const accepted = new Set<string>();
function acceptedRegistration(body: string): boolean {
  const address = /"RegistrationAccepted","email":"([^"]+)"/.exec(body)?.[1];
  if (address) accepted.add(address);
  return !!address;
}

/** One part's answers since the last sample. */
class Bin {
  latencies: number[] = [];
  errors = 0;
  unexpected = 0;
  statuses: Record<string, number> = {};
}

/** Watches one autocannon instance and hands its answers over a minute at a time. */
class Watch {
  bin = new Bin();
  attach = (instance: autocannon.Instance) => {
    const events = instance as unknown as EventEmitter;
    events.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      this.bin.latencies.push(ms);
      this.bin.statuses[status] = (this.bin.statuses[status] ?? 0) + 1;
      if (status < 200 || status > 299) this.bin.unexpected++;
    });
    events.on('reqError', () => this.bin.errors++);
    // a 2xx answer with the wrong body: a session gone (`me` null), a login or a registration refused
    events.on('reqMismatch', () => this.bin.unexpected++);
  };
  take(): Bin {
    const bin = this.bin;
    this.bin = new Bin();
    return bin;
  }
}

function p99(latencies: number[]): number {
  if (!latencies.length) return 0;
  const sorted = Float64Array.from(latencies).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

const loadState = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

const product = await startProduct();
const { appUrl, databaseUrl, app, mailbox } = product;
const loadBefore = loadState();
const mails = new Map<string, number>();
mailbox.onMail((mail) => {
  for (const to of mail.to) if (isSoakAddress(to)) mails.set(to, (mails.get(to) ?? 0) + 1);
});
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();

const pending = async () => (await db.query<{ n: number }>('select count(*)::int as n from mail_outbox where sent_at is null')).rows[0].n;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** V8's heap used, from the product's own /metrics (prom-client's default metrics; loopback may read it) */
async function heapMb(): Promise<number> {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes ([\d.e+]+)/m.exec(text)?.[1] ?? 0) / 2 ** 20;
}

try {
  const users = MIX.me + MIX.menu + MIX.login;
  console.log(`registering ${users} users through the real flow …`);
  const authIds = await newUsers(product, users);
  const loginUsers = authIds.slice(MIX.me + MIX.menu);
  // a session per `me` and /menu connection, each of another user: a user's login ends their earlier session
  const tokens = await Promise.all(authIds.slice(0, MIX.me + MIX.menu).map((authId) => product.login(authId)));

  const run = (part: Part, seconds: number, rate?: number, watch?: Watch): Promise<Figures> => {
    const observe = watch?.attach;
    const common = { connections: MIX[part], seconds, rate, observe };
    switch (part) {
      case 'me':
        return loadMe(appUrl, tokens.slice(0, MIX.me), { ...common, verifyBody: (b) => b.includes('"authId"') });
      case 'menu':
        return loadMenu(appUrl, tokens.slice(MIX.me), common);
      case 'login':
        return loadLogins(appUrl, loginUsers, seconds, rate, { observe, verifyBody: (b) => b.includes('LoginSuccess') });
      case 'register':
        return load({ ...common, url: `${appUrl}/graphql`, headers: JSON_HEADERS, nextBody: registrationBody, verifyBody: acceptedRegistration });
    }
  };
  const all = async (seconds: number, rates?: Record<Part, number>, watches?: Record<Part, Watch>) => {
    const figures = await Promise.all(PARTS.map((p) => run(p, seconds, rates?.[p], watches?.[p])));
    return Object.fromEntries(PARTS.map((p, i) => [p, figures[i]])) as Record<Part, Figures>;
  };

  // V8 optimises the login's many once-per-request functions only after many runs (bench/api.ts warms for 15 s)
  console.log(`warming up: the mix for ${WARM_SECONDS} s …`);
  await all(WARM_SECONDS);
  console.log(`the maximum of the mix: ${MAX_SECONDS} s, every part as fast as its connections are answered …`);
  const max = await all(MAX_SECONDS);
  // autocannon spreads overallRate over the connections in whole requests a second (one with 0 would be unlimited)
  const rates = Object.fromEntries(PARTS.map((p) => [p, Math.max(MIX[p], Math.round(SHARE * max[p].rps))])) as Record<Part, number>;
  for (const p of PARTS) console.log(`  ${p}: ${max[p].rps.toFixed(0)}/s (p99 ${max[p].p99} ms) → soak at ${rates[p]}/s`);

  console.log(`soak: ${SOAK_MINUTES} min at ${SHARE * 100} % …`);
  const watches = Object.fromEntries(PARTS.map((p) => [p, new Watch()])) as Record<Part, Watch>;
  const started = Date.now();
  let last = started;
  const minutes: Minute[] = [];
  const sample = async (minute: number): Promise<Minute> => {
    const now = Date.now();
    const seconds = (now - last) / 1000;
    last = now;
    const parts = Object.fromEntries(
      PARTS.map((p) => {
        const bin = watches[p].take();
        return [p, { rps: bin.latencies.length / seconds, p99: p99(bin.latencies), errors: bin.errors, unexpected: bin.unexpected, statuses: bin.statuses }];
      }),
    ) as Minute['parts'];
    const m: Minute = { minute, parts, rssMb: rssMb(), heapMb: await heapMb(), pending: await pending(), load1: os.loadavg()[0] };
    console.log(row(m));
    return m;
  };
  const soak = all(SOAK_MINUTES * 60, rates, watches);
  for (let m = 1; m < SOAK_MINUTES; m++) {
    await new Promise((r) => setTimeout(r, started + m * 60_000 - Date.now()));
    minutes.push(await sample(m));
  }
  const totals = await soak;
  minutes.push(await sample(SOAK_MINUTES));
  const loadAfter = loadState();

  console.log('waiting for the outbox to drain …');
  const drainStart = Date.now();
  let left = await pending();
  while (left > 0 && Date.now() - drainStart < DRAIN_SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    left = await pending();
  }
  const drainSeconds = (Date.now() - drainStart) / 1000;
  // The accounts the registrations created are the truth: a registration still in flight when autocannon stopped a
  // phase was committed (and mailed) without its answer being read, so `accepted` can be short by one per connection
  // and phase.
  const registered = new Set((await db.query<{ email: string }>('select email from user_account where email like $1', [`soak.${RUN}.%`])).rows.map((r) => r.email));
  const missing = [...registered].filter((a) => !mails.has(a)).length;
  const twice = [...mails.values()].filter((n) => n > 1).length;
  const stray = [...mails.keys()].filter((a) => !registered.has(a)).length;
  const unanswered = [...registered].filter((a) => !accepted.has(a)).length;
  const unknownAccepted = [...accepted].filter((a) => !registered.has(a)).length;

  // verdicts
  const second = minutes[Math.min(1, minutes.length - 1)];
  const end = minutes[minutes.length - 1];
  const failures = [...Object.entries(max).map(([p, f]) => [`${p} (maximum)`, f.errors, f.unexpected, f.statuses] as const),
    ...minutes.flatMap((m) => PARTS.map((p) => [`${p} (minute ${m.minute})`, m.parts[p].errors, m.parts[p].unexpected, m.parts[p].statuses] as const))]
    .filter(([, e, u]) => e + u > 0)
    .map(([what, e, u, s]) => `${what}: ${e} errors, ${u} unexpected (statuses ${JSON.stringify(s)})`);
  const unstable = PARTS.filter((p) => end.parts[p].p99 > P99_FACTOR * second.parts[p].p99);
  const growth = end.rssMb / second.rssMb - 1;
  const mailOk = left === 0 && missing === 0 && twice === 0 && stray === 0 && unknownAccepted === 0;
  const verdict = [
    `- errors and unexpected answers: ${failures.length ? `**${failures.length} part-minutes with some** — ${failures.join('; ')}` : '0 (met)'}`,
    `- p99 stable (each part's last minute ≤ ${P99_FACTOR} × its minute ${second.minute}): ${unstable.length ? `NOT met for ${unstable.join(', ')}` : 'met'} — ` +
      PARTS.map((p) => `${LABEL[p]} ${second.parts[p].p99.toFixed(0)} → ${end.parts[p].p99.toFixed(0)} ms`).join(', '),
    `- resident memory after the warm-up (end of minute ${second.minute} → end): ${second.rssMb.toFixed(0)} → ${end.rssMb.toFixed(0)} MB, ` +
      `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} % (under ${MEMORY_GROWTH * 100} %: ${growth < MEMORY_GROWTH ? 'met' : 'NOT met'}); ` +
      `heap used ${second.heapMb.toFixed(0)} → ${end.heapMb.toFixed(0)} MB`,
    `- outbox: ${left === 0 ? `drained ${drainSeconds.toFixed(0)} s after the load stopped` : `**${left} unsent after ${DRAIN_SECONDS} s**`}; ` +
      `${registered.size} accounts registered (${accepted.size} answers read; ${unanswered} cut off when a phase's load stopped), ` +
      `each one's mail arrived exactly once: ${mailOk ? 'met' : `NOT met (${missing} missing, ${twice} twice or more, ${stray} for no account, ${unknownAccepted} accepted without an account)`}`,
  ].join('\n');

  const share = (p: Part) => (100 * max[p].rps) / PARTS.reduce((s, q) => s + max[q].rps, 0);
  const mixTable = [
    '| part | connections | maximum (requests/s) | p99 at maximum (ms) | share of the mix | soak target (70 %) | soak mean (requests/s) |',
    '|---|---|---|---|---|---|---|',
    ...PARTS.map((p) => `| ${LABEL[p]} | ${MIX[p]} | ${max[p].rps.toFixed(0)} | ${max[p].p99} | ${share(p).toFixed(1)} % | ${rates[p]} | ${(totals[p].total / (SOAK_MINUTES * 60)).toFixed(0)} |`),
  ].join('\n');
  const table = [header(), separator(), ...minutes.map(row)].join('\n');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ` +
    `load average ${loadBefore} as the bench started, ${loadAfter} as the soak ended (1 / 5 / 15 min)`;
  console.log(`\n${mixTable}\n\n${table}\n\n${verdict}\n`);
  await writeResultsSection('soak', 'npm run bench:soak', '## Soak',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench:soak\` (bench/soak.ts): ${machine}.
Warm-up ${WARM_SECONDS} s of the mix, its maximum over ${MAX_SECONDS} s, then ${SOAK_MINUTES} min at 70 % of each part's maximum.

${mixTable}

Per minute of the soak (requests/s and p99 in ms per part; errors: transport errors and unexpected answers of all
parts; RSS: the server's resident memory; heap: V8's heap used; outbox: unsent mails at the minute's end; load: the
machine's 1-minute load average):

${table}

${verdict}`);
  console.log('wrote the soak part of docs/performance.md');
} finally {
  await db.end();
  await product.close();
}
process.exit(0);

interface Minute {
  minute: number;
  parts: Record<Part, { rps: number; p99: number; errors: number; unexpected: number; statuses: Record<string, number> }>;
  rssMb: number;
  heapMb: number;
  pending: number;
  load1: number;
}

function header(): string {
  return `| minute | ${PARTS.map((p) => `${LABEL[p]} req/s | ${LABEL[p]} p99`).join(' | ')} | errors | RSS MB | heap MB | outbox | load |`;
}
function separator(): string {
  return `|${'---|'.repeat(1 + PARTS.length * 2 + 5)}`;
}
function row(m: Minute): string {
  const errors = PARTS.reduce((s, p) => s + m.parts[p].errors + m.parts[p].unexpected, 0);
  return `| ${m.minute} | ${PARTS.map((p) => `${m.parts[p].rps.toFixed(0)} | ${m.parts[p].p99.toFixed(0)}`).join(' | ')} | ${errors} | ` +
    `${m.rssMb.toFixed(0)} | ${m.heapMb.toFixed(0)} | ${m.pending} | ${m.load1.toFixed(2)} |`;
}
