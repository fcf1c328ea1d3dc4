// `npm start` runs this first: builds the web client when client/build is missing or older than any source file,
// so a fresh clone needs only `npm install && npm start`, and an unchanged client starts instantly.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const built = path.join(here, 'build', 'handler.js');
// vite.config.ts holds SvelteKit's configuration (SvelteKit 3), package.json the `#lib` imports; the lock file changes
// when SvelteKit, Svelte or Vite do, whose code is part of the build.
const sources = ['src', 'static', 'vite.config.ts', 'package.json', '../schema.graphql', '../package-lock.json'].map((p) =>
  path.join(here, p),
);

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log('Building the web client (client/build) …');
  // Always a production build: the test runner calls this with NODE_ENV=test, under which Vite keeps Svelte's and
  // SvelteKit's development code in the bundle — and `npm start` would later serve that bundle as it is.
  execSync('npx vite build', { cwd: here, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
}
