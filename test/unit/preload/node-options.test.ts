import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every Node.js or V8 option the product passes exists on the running Node (Node 20's --interrupt-budget made
 * `npm start` die at once on Node 24): the options in package.json's node commands, and any flag a preload or the
 * server sets through v8.setFlagsFromString.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const v8Options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
const v8Flag = (flag: string) => new RegExp(`^\\s+--${flag.replace(/^--(no-)?/, '').replace(/[-_]/g, '[-_]')}\\b`, 'm').test(v8Options);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(c?js|ts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('Node and V8 options', () => {
  it("package.json's node commands use only options this Node knows, and start it", () => {
    const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const nodeCommands = Object.values(scripts).filter((s) => /^node\s/.test(s));
    expect(nodeCommands.length).toBeGreaterThan(0);
    for (const command of nodeCommands) {
      for (const option of command.match(/\s--?[a-z][\w-]*/g) ?? []) {
        const name = option.trim().split('=')[0];
        if (name.startsWith('--role')) continue; // the server's own argument, after the script name
        expect(process.allowedNodeEnvironmentFlags.has(name) || v8Flag(name), `${name} in "${command}"`).toBe(true);
      }
    }
    // the preload itself runs cleanly on this Node
    expect(execFileSync(process.execPath, ['--require', './server/preload/index.cjs', '-e', 'console.log("up")'], { cwd: root, encoding: 'utf8' })).toBe('up\n');
  });

  it('every V8 flag set at run time exists on this Node', () => {
    for (const file of [...filesUnder(path.join(root, 'server/preload')), ...filesUnder(path.join(root, 'server/src'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/setFlagsFromString\(\s*['"`]([^'"`]+)['"`]/g)) {
        for (const flag of m[1].split(/\s+/)) expect(v8Flag(flag.split('=')[0]), `${flag} in ${file}`).toBe(true);
      }
    }
    expect(v8Flag('--interrupt-budget')).toBe(false); // the check itself tells a removed flag from a known one…
    expect(v8Flag('--invocation-count-for-turbofan')).toBe(true); // …on Node 22 and 24
  });
});
