/**
 * `npm run bench:coe-verify`: the electronic COE's verification (docs/spec/coe.md) at scale. 1,000,000 COEs written
 * straight into the table (BENCH_COES to change it), then, on the product as `npm start` runs it (bench/product.ts):
 *
 * - `verifyCoe` (the public number + birth date check: one indexed UPDATE … RETURNING joined to the account), every
 *   request a different COE drawn from the million — not one number hammered — against `me` with a session of its own
 *   on each connection, measured in the same run, alternately (ratio and p99 of each);
 * - the offline check in the browser: Chromium on /verify with the network cut, the page's own function
 *   (`window.coeCheckCode`, lib/coe-verify.ts: parse, the stored key, WebCrypto ECDSA P-256 verify) run N times on a
 *   code signed with the product's key; median, p95 and the first (cold) check.
 *
 * Both loads run first with 1,000 COEs in the table (BENCH_COES_SMALL), then with the table grown to BENCH_COES, so issue
 * 21's rule — no figure more than 20 % worse at 1,000,000 than at 1,000 — can be read for `verifyCoe` (its ratio to
 * `me`, which the machine's drift does not move as it moves the rates).
 *
 * Writes its part of docs/performance.md ("Electronic COE verification", between its own markers).
 * Uses DATABASE_URL when set (a scratch database it may fill), else an embedded PostgreSQL.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { CompactSign, importPKCS8 } from 'jose';
import { chromium } from 'playwright-core';
import { withAdmin } from '../test/support/database-server.js';
import { JSON_HEADERS, loadMe, newUsers, startProduct } from './product.js';
import { ratio, writeResultsSection, type Figures } from './support.js';

const COES = Number(process.env.BENCH_COES ?? 1_000_000);
const COES_SMALL = Number(process.env.BENCH_COES_SMALL ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const BROWSER_CHECKS = Number(process.env.BENCH_BROWSER_CHECKS ?? 2000);
/** checks timed together in the browser */
const BATCH = 20;
/** distinct verifyCoe requests cycled through (each a random COE of the million, its right birth date) */
const DISTINCT = 50_000;
const VERIFY = 'query($i: VerifyCoeInput!) { verifyCoe(input: $i) { result maskedName issuedOn expiresOn } }';

/** The Luhn digit of the 9 digits (year + serial) in SQL, as server/src/modules/coe/coe-number.ts computes it. */
const LUHN_SQL = `(select (10 - sum(case when i % 2 = 1
    then (case when substr(x.d, i, 1)::int * 2 > 9 then substr(x.d, i, 1)::int * 2 - 9 else substr(x.d, i, 1)::int * 2 end)
    else substr(x.d, i, 1)::int end) % 10) % 10 from generate_series(1, 9) i)`;

/** Serial g ↦ its birth date: spread over 10,000 days, so a number with the wrong date is a real miss. */
const birthDate = (g: number) => new Date(Date.UTC(1980, 0, 1) + (g % 10_000) * 86_400_000).toISOString().slice(0, 10);

function luhn(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
const numberOf = (g: number) => {
  const d = `26${String(g).padStart(7, '0')}`;
  return `TK${d}${luhn(d)}`;
};

/** COEs `from`…`to` of the Tokyo bureau, year 26, serial = their number, MAILED, issued today, for one account and one clerk. */
async function seed(databaseUrl: string, authId: string, from: number, to: number): Promise<number> {
  const started = Date.now();
  await withAdmin(databaseUrl, async (client) => {
    const [{ id: staffId }] = (await client.query(`
      insert into staff_member (login_id, name, bureau, roles, created_at, updated_at)
      values ('bench-clerk@immi.example.go.jp', 'BENCH CLERK', 'TOKYO', '{COUNTER_CLERK}', now(), now())
      on conflict (lower(login_id)) do update set updated_at = excluded.updated_at returning id`)).rows;
    const [{ id: userId }] = (await client.query('select id from user_account where auth_id = $1', [authId])).rows;
    await client.query(
      `insert into coe (number, user_id, application_number, name, nationality, birth_date, sex, status_of_residence,
         issued_on, expires_on, bureau, state, issued_by, issued_at, mailed_at, verification_code)
       select 'TK' || x.d || ${LUHN_SQL}, $1, 'BENCH-' || g, 'NGUYEN VAN BENCH', 'VNM', date '1980-01-01' + (g % 10000),
         'MALE', 'ENGINEER_HUMANITIES_INTL', (now() at time zone 'Asia/Tokyo')::date,
         (now() at time zone 'Asia/Tokyo')::date + 89, 'TOKYO', 'MAILED', $2, now(), now(), 'bench'
       from generate_series($3::int, $4::int) g, lateral (select '26' || lpad(g::text, 7, '0') as d) x`,
      [userId, staffId, from, to],
    );
    await client.query('vacuum (analyze) coe');
  });
  return (Date.now() - started) / 1000;
}

/**
 * verifyCoe with a different COE in every request (cycling through DISTINCT random ones of the `coes` in the table). Every call counts against
 * its client address's limit, a row of the rate-limit table: from one address (`manyAddresses` false) every request
 * updates that one row; with `manyAddresses` each request names another address (X-Forwarded-For, believed from the
 * loopback proxy: TRUSTED_PROXIES), as callers all over the world would.
 */
async function loadVerify(url: string, manyAddresses: boolean, coes: number): Promise<Figures> {
  const bodies = Array.from({ length: DISTINCT }, () => {
    const g = 1 + Math.floor(Math.random() * coes);
    return JSON.stringify({ query: VERIFY, variables: { i: { number: numberOf(g), birthDate: birthDate(g) } } });
  });
  let next = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: JSON_HEADERS,
    connections: CONNECTIONS,
    duration: SECONDS,
    // a body per request (not per connection): the load generator pays a little per request for it
    requests: [{
      setupRequest: (req) => {
        const n = next++;
        const headers = manyAddresses ? { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } : req.headers;
        return { ...req, headers, body: bodies[n % bodies.length] };
      },
    }],
  });
  return { rps: result.requests.average, total: result.requests.total, p99: result.latency.p99, errors: result.errors,
    unexpected: result.requests.total - result['2xx'],
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0])) };
}

/** A code signed with the product's key, as coe-code.ts signs one (the JWKS names the key's kid). */
async function signedCode(appUrl: string, pem: string): Promise<string> {
  const jwks = (await (await fetch(`${appUrl}/.well-known/coe-keys.json`)).json()) as { keys: { kid: string }[] };
  const payload = { n: numberOf(1), nm: 'NGUYEN VAN BENCH', dob: birthDate(1), nat: 'VNM', sor: 'ENGINEER_HUMANITIES_INTL', iss: '2026-12-07', exp: '2027-03-06', bu: 'TOKYO' };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid: jwks.keys[0].kid })
    .sign(await importPKCS8(pem, 'ES256'));
}

/** Chromium, /verify loaded once online, then offline: BROWSER_CHECKS checks of the code by the page's function. */
async function browserChecks(appUrl: string, code: string) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl}/verify`, { waitUntil: 'networkidle' });
    await page.waitForFunction(() => typeof (window as unknown as { coeCheckCode?: unknown }).coeCheckCode === 'function' && localStorage.length > 0);
    await context.setOffline(true);
    // performance.now() is coarsened to 0.1 ms in a page that is not cross-origin isolated: checks are timed in batches
    // of BATCH (the first, cold one alone), and each batch's time divided by its size
    // (no function declared inside: tsx would wrap it in a helper the page does not have)
    const { first, perCheck } = await page.evaluate(async ({ c, n, batch }) => {
      const check = (window as unknown as { coeCheckCode: (c: string) => Promise<{ kind: string }> }).coeCheckCode;
      let t = performance.now();
      let answer = await check(c);
      const firstMs = performance.now() - t;
      let failed = answer.kind === 'genuine' ? '' : answer.kind;
      const out: number[] = [];
      for (let b = 0; b < n / batch; b++) {
        t = performance.now();
        for (let i = 0; i < batch; i++) {
          answer = await check(c);
          if (answer.kind !== 'genuine') failed = answer.kind;
        }
        out.push((performance.now() - t) / batch);
      }
      if (failed) throw new Error(`the check answered ${failed}`);
      return { first: firstMs, perCheck: out };
    }, { c: code, n: BROWSER_CHECKS, batch: BATCH });
    const sorted = perCheck.sort((a, b) => a - b);
    return { first, median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], batches: sorted.length, version: browser.version() };
  } finally {
    await browser.close();
  }
}

interface Round {
  me: Figures;
  verify: Figures;
  oneAddress: Figures;
}

// the loopback "proxy" is trusted, so a request may name its client address (the many-addresses figure)
const loadBefore = os.loadavg();
const product = await startProduct({ env: { TRUSTED_PROXIES: '127.0.0.1' } });
try {
  console.log(`registering ${CONNECTIONS} users through the real flow …`);
  const users = await newUsers(product, CONNECTIONS);
  const tokens = await Promise.all(users.map((u) => product.login(u)));
  console.log(`seeding ${COES_SMALL.toLocaleString('en')} COEs …`);
  await seed(product.databaseUrl, users[0], 1, COES_SMALL);

  // both loads until V8 has optimised them, then each twice, alternately, at each size
  const me = () => loadMe(product.appUrl, tokens, { connections: CONNECTIONS, seconds: SECONDS });
  console.log('warming up …');
  await me();
  await loadVerify(product.appUrl, true, COES_SMALL);
  const rounds = async (coes: number) => {
    const out: Round[] = [];
    for (let r = 0; r < 2; r++) {
      const m = await me();
      const v = await loadVerify(product.appUrl, true, coes);
      const one = await loadVerify(product.appUrl, false, coes);
      console.log(`${coes.toLocaleString('en')} COEs, round ${r + 1}: me ${m.rps.toFixed(0)}/s p99 ${m.p99} ms; verifyCoe ${v.rps.toFixed(0)}/s p99 ${v.p99} ms; from one address ${one.rps.toFixed(0)}/s p99 ${one.p99} ms`);
      out.push({ me: m, verify: v, oneAddress: one });
    }
    return out;
  };
  const small = await rounds(COES_SMALL);
  console.log(`seeding up to ${COES.toLocaleString('en')} COEs …`);
  const seedSeconds = await seed(product.databaseUrl, users[0], COES_SMALL + 1, COES);
  console.log(`seeded in ${seedSeconds.toFixed(1)} s`);
  const figures = await rounds(COES);
  // a spot check that the load verified real COEs (VALID), not misses
  const sample = await (await fetch(`${product.appUrl}/graphql`, { method: 'POST', headers: JSON_HEADERS,
    body: JSON.stringify({ query: VERIFY, variables: { i: { number: numberOf(COES), birthDate: birthDate(COES) } } }) })).json() as { data: { verifyCoe: { result: string } } };
  if (sample.data.verifyCoe.result !== 'VALID') throw new Error(`the seeded COEs do not verify: ${JSON.stringify(sample)}`);

  console.log(`the offline check in Chromium (${BROWSER_CHECKS} checks) …`);
  const code = await signedCode(product.appUrl, product.coeSigningKey);
  const browser = await browserChecks(product.appUrl, code);

  const mean = (rs: Round[], f: (x: Round) => number) => rs.reduce((sum, x) => sum + f(x), 0) / rs.length;
  const ratios = (rs: Round[]) => ({ many: ratio(mean(rs, (x) => x.verify.rps), mean(rs, (x) => x.me.rps)), one: ratio(mean(rs, (x) => x.oneAddress.rps), mean(rs, (x) => x.me.rps)) });
  const atSmall = ratios(small);
  const atLarge = ratios(figures);
  const errors = [...small, ...figures].flatMap((x) => [x.me, x.verify, x.oneAddress]).reduce((sum, f) => sum + f.errors + f.unexpected, 0);
  const fmt = (n: number, d = 0) => n.toFixed(d);
  const S = `${COES_SMALL.toLocaleString('en')} COEs`;
  const L = `${COES.toLocaleString('en')} COEs`;
  const rows = (label: string, rs: Round[]) => [
    `| \`me\`, a session per connection (${label}) | ${rs.map((x) => fmt(x.me.rps)).join(' / ')} | ${rs.map((x) => x.me.p99).join(' / ')} |`,
    `| \`verifyCoe\`, a different COE and client address per request (${label}) | ${rs.map((x) => fmt(x.verify.rps)).join(' / ')} | ${rs.map((x) => x.verify.p99).join(' / ')} |`,
    `| \`verifyCoe\`, a different COE per request, all from one address (${label}) | ${rs.map((x) => fmt(x.oneAddress.rps)).join(' / ')} | ${rs.map((x) => x.oneAddress.p99).join(' / ')} |`,
    `| **ratio \`verifyCoe\` / \`me\`** (many addresses; one address), ${label} | **${fmt(ratios(rs).many, 3)}**; ${fmt(ratios(rs).one, 3)} | |`,
  ];
  const met = atLarge.many >= 0.8 * atSmall.many && atLarge.one >= 0.8 * atSmall.one;
  const markdown = `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}),
first with ${S} in the table, then with ${L} (seeded by SQL in ${fmt(seedSeconds)} s), ${CONNECTIONS} connections, ${SECONDS} s per figure, two rounds
at each size alternating the loads after a warm-up; every \`verifyCoe\` request a different COE (${DISTINCT.toLocaleString('en')} random ones of the
table, cycled, each with its right birth date: VALID answers, each an UPDATE of the COE's verification count), from a
different client address each (X-Forwarded-For), and — the second line — all from one address.

| figure | requests/s (rounds) | p99 ms (rounds) |
|---|---|---|
${[...rows(S, small), ...rows(L, figures)].join('\n')}

No figure more than 20 % worse with ${L} than with ${S} (the ratios to \`me\`, ${fmt(atLarge.many / atSmall.many, 2)} and ${fmt(atLarge.one / atSmall.one, 2)} of theirs): ${met ? 'met' : 'NOT met'}.
Errors or unexpected answers: ${errors}.

The offline check in the browser (Chromium ${browser.version}, /verify loaded once, then the network cut; the page's
\`coeCheckCode\`: parse the JWS, the stored key, WebCrypto ECDSA P-256 / SHA-256 verify), ${BROWSER_CHECKS} checks timed in
batches of ${BATCH}: median **${fmt(browser.median, 3)} ms** a check, p95 of the batches ${fmt(browser.p95, 3)} ms; the first check
(fetching nothing, importing the stored key) ${fmt(browser.first, 1)} ms.`;
  console.log(markdown);
  await writeResultsSection('coe-verify', 'npm run bench:coe-verify', '## Electronic COE verification', markdown);
  console.log('wrote the "Electronic COE verification" part of docs/performance.md');
} finally {
  await product.close();
}
