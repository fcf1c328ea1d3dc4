/**
 * `npm run bench:profile -- me|menu [seconds]`: where a request's time goes. Starts the product as the benches do, with
 * `--cpu-prof`, gives each of 50 connections a session and a user of its own, warms up, loads one shape for `seconds`
 * (default 15) and prints the server's main-thread time by place: idle, GC, and self time grouped by package (or the
 * product's own file), then the hottest functions. Rates here are not figures (the profiler costs a few per cent);
 * `npm run bench` measures those.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadMe, loadMenu, newUsers, startProduct } from './product.js';

const shape = process.argv[2] === 'menu' ? 'menu' : 'me';
const seconds = Number(process.argv[3] ?? 15);
const CONNECTIONS = 50;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A file's place: `pkg` for node_modules/pkg (or @scope/pkg), `node:` internals, or the product's own path. */
function place(url: string): string {
  if (!url) return '(native or V8)';
  if (url.startsWith('node:')) return 'node: internals';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const root = url.indexOf('/server/') >= 0 ? url.slice(url.indexOf('/server/') + 1) : url.indexOf('/client/') >= 0 ? url.slice(url.indexOf('/client/') + 1) : url;
  return root.replace(/^file:\/\//, '');
}

function summarise(profile: Profile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(GC)' : functionName === '(program)' ? '(program)' : place(url);
    byPlace.set(where, (byPlace.get(where) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${place(url)}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${pct(us).padStart(7)}  ${k}`).join('\n');
  return `by place (self time):\n${top(byPlace, 25)}\n\nhottest functions (self time):\n${top(byFunction, 30)}`;
}

const profDir = await mkdtemp(path.join(os.tmpdir(), 'ras-prof-'));
const product = await startProduct({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
try {
  const users = await newUsers(product, CONNECTIONS);
  const tokens = await Promise.all(users.map((u) => product.login(u)));
  const run = (s: number) =>
    shape === 'me'
      ? loadMe(product.appUrl, tokens, { seconds: s, connections: CONNECTIONS })
      : loadMenu(product.appUrl, tokens, { seconds: s, connections: CONNECTIONS });
  await run(10); // warm-up: the whole run is profiled, so the warm-up's share is in the figures too (a tenth of them at most after this)
  const figures = await run(seconds);
  console.log(`${shape}: ${figures.rps.toFixed(0)} requests a second under the profiler, p99 ${figures.p99} ms, errors ${figures.errors + figures.unexpected}`);
} finally {
  await product.close();
}
const file = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('the server wrote no profile');
console.log(`profile: ${path.join(profDir, file)}\n`);
console.log(summarise(JSON.parse(await readFile(path.join(profDir, file), 'utf8')) as Profile));
process.exit(0);
