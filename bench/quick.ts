/**
 * `npm run bench:quick`: `me` (product and bare baseline), /menu and the login page (a page without an operation:
 * what rendering costs alone), alternated for a few rounds — for trying a change in minutes (`npm run bench` takes a
 * quarter of an hour) — with each request's CPU split by process: the server (all its threads), PostgreSQL and the
 * load generator (this process), in ms per request. 50 connections, each a session and a user of its own. Printed
 * only; `npm run bench` writes the figures of record.
 */
import { freePort } from '../test/support/server-process.js';
import { postgresCpu, threadCpu } from './cpu.js';
import { loadMe, loadMenu, newUsers, startProduct } from './product.js';
import { load, startNode, stop, type Figures } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;

const sum = (o: Record<string, number> | Map<string, number>) => [...(o instanceof Map ? o.values() : Object.values(o))].reduce((a, b) => a + b, 0);

/** Runs `run` and reports its figures with the CPU each process spent per request. */
async function measured(name: string, serverPid: number, run: () => Promise<Figures>): Promise<Figures> {
  const [s0, p0, g0] = [sum(threadCpu(serverPid)), sum(postgresCpu()), process.cpuUsage()];
  const f = await run();
  const [s1, p1, g1] = [sum(threadCpu(serverPid)), sum(postgresCpu()), process.cpuUsage(g0)];
  const per = (seconds: number) => ((seconds * 1000) / f.total).toFixed(3);
  console.log(
    `  ${name.padEnd(12)} ${f.rps.toFixed(0).padStart(5)}/s  p99 ${String(f.p99).padStart(4)} ms  ms per request: server ${per(s1 - s0)}, PostgreSQL ${per(p1 - p0)}, load generator ${per((g1.user + g1.system) / 1e6)}${f.errors + f.unexpected ? `  ERRORS ${f.errors + f.unexpected}` : ''}`,
  );
  return f;
}

const product = await startProduct();
const basePort = await freePort();
const baseUrl = `http://127.0.0.1:${basePort}`;
const base = await startNode(['--import', 'tsx', 'bench/baseline-me-server.ts'], { PORT: String(basePort), DATABASE_URL: product.databaseUrl }, `${baseUrl}/ready`);
try {
  const users = await newUsers(product, CONNECTIONS);
  const tokens = await Promise.all(users.map((u) => product.login(u)));
  const me = (url: string) => () => loadMe(url, tokens, { seconds: SECONDS, connections: CONNECTIONS });
  // a page without an operation (the login form): what SvelteKit's rendering costs alone
  const loginPage = () => load({ url: `${product.appUrl}/login`, method: 'GET', seconds: SECONDS, connections: CONNECTIONS });
  const menu = () => loadMenu(product.appUrl, tokens, { seconds: SECONDS, connections: CONNECTIONS });
  await me(baseUrl)();
  await me(product.appUrl)();
  await menu();
  for (let r = 1; r <= ROUNDS; r++) {
    console.log(`round ${r}`);
    const b = await measured('me baseline', base.pid!, me(baseUrl));
    const a = await measured('me', product.app.pid!, me(product.appUrl));
    const m = await measured('/menu', product.app.pid!, menu);
    await measured('/login page', product.app.pid!, loginPage);
    console.log(`  me ÷ baseline ${(a.rps / b.rps).toFixed(3)}; /menu ÷ me ${(m.rps / a.rps).toFixed(3)}`);
  }
} finally {
  await stop(base);
  await product.close();
}
process.exit(0);
