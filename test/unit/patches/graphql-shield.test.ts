import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * patches/graphql-shield+7.6.5.patch (applied by patch-package on npm install): graphql-shield 7.6.5 imports
 * `util.isUndefined`, which Node.js removed in 23. Unpatched, its ES module build does not load at all on Node 24
 * ("does not provide an export named 'isUndefined'") and its CommonJS build throws a TypeError the first time a
 * `chain` or `race` rule runs out of rules. Both builds are checked in a child process on the running Node.
 */
const require = createRequire(import.meta.url);

function run(source: string, type: 'module' | 'commonjs'): string {
  return execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], { encoding: 'utf8' }).trim();
}

const exercise = `
  const allowed = shield.rule()(() => true);
  const denied = shield.rule()(() => false);
  const results = await Promise.all([
    shield.chain(allowed, allowed).resolve(null, {}, {}, {}, {}),
    shield.race(denied, allowed).resolve(null, {}, {}, {}, {}),
    shield.race(denied, denied).resolve(null, {}, {}, {}, {}),
  ]);
  console.log(JSON.stringify(results));`;

describe('graphql-shield on this Node.js', () => {
  it('no longer refers to util.isUndefined in either build', () => {
    const pkgDir = require.resolve('graphql-shield/package.json').replace(/package\.json$/, '');
    for (const build of ['esm/rules.js', 'cjs/rules.js']) {
      expect(readFileSync(pkgDir + build, 'utf8')).not.toMatch(/isUndefined/);
    }
  });

  it('its ES module build loads, and chain / race run to the end of their rules', () => {
    const out = run(`const shield = await import('graphql-shield'); ${exercise}`, 'module');
    expect(JSON.parse(out)).toEqual([true, true, false]);
  });

  it('its CommonJS build does the same', () => {
    const out = run(`(async () => { const shield = require('graphql-shield'); ${exercise} })().catch((e) => { console.log(String(e)); });`, 'commonjs');
    expect(JSON.parse(out)).toEqual([true, true, false]);
  });
});
