import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * server/preload/v8-tiering.cjs (through npm start's preload, server/preload/index.cjs): V8 queues a function for
 * TurboFan after far fewer runs than its default. A function run 300 times is still interpreted by default; with the
 * preload it is optimised or being optimised.
 */
const TURBOFAN_QUEUED_OR_DONE = 16 | 64 | 256 | 512 | 1024; // V8's OptimizationStatus bits (runtime-test.cc)

function statusAfter300Calls(preload: string[]): number {
  const script = `
    function sum(o) { let s = 0; for (const k in o) s += o[k]; return s; }
    for (let i = 0; i < 300; i++) sum({ a: i, b: 2 });
    console.log(%GetOptimizationStatus(sum));`;
  return Number(execFileSync(process.execPath, ['--allow-natives-syntax', ...preload, '-e', script]).toString());
}

describe('V8 tiering of the server', () => {
  it('optimises a function after 300 runs with the preload, not without', () => {
    expect(statusAfter300Calls([]) & TURBOFAN_QUEUED_OR_DONE).toBe(0);
    expect(statusAfter300Calls(['--require', './server/preload/index.cjs']) & TURBOFAN_QUEUED_OR_DONE).not.toBe(0);
  });
});
