import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, fetchExchange, gql } from '@urql/core';
import { describe, expect, it } from 'vitest';

/**
 * The patches of patches/ that exist for speed (docs/decisions.md "Patched dependencies"), each checked for what it
 * must change — and, where it matters, for what it must keep: the same hashes, the same results.
 */
const require = createRequire(import.meta.url);

describe('@urql/core: one abort reason for every teardown', () => {
  it('aborts a finished operation with a shared AbortError instead of a new DOMException each time', async () => {
    const signals: AbortSignal[] = [];
    const client = new Client({
      url: 'http://in-process.invalid/graphql',
      exchanges: [fetchExchange],
      fetch: async (_url, init) => {
        signals.push(init!.signal!);
        return new Response(JSON.stringify({ data: { ok: true } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    const query = gql`query Ok { ok }`;
    const first = await client.query(query, {}).toPromise();
    const second = await client.query(query, { again: 1 }).toPromise();
    expect(first.data).toEqual({ ok: true });
    expect(second.data).toEqual({ ok: true });
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect((signals[0].reason as DOMException).name).toBe('AbortError');
    expect(signals[1].reason).toBe(signals[0].reason);
  });
});

describe('@apollo/utils.createhash: Node crypto required once', () => {
  it('hashes as node:crypto does and loads the module only on the first call', () => {
    const file = require.resolve('@apollo/utils.createhash');
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const Module = require('node:module');
         const load = Module.prototype.require; let cryptoLoads = 0;
         Module.prototype.require = function (id) { if (id === 'crypto') cryptoLoads++; return load.apply(this, arguments); };
         const { createHash } = require(${JSON.stringify(file)});
         const hashes = [1, 2, 3].map(() => createHash('sha256').update('query { me { authId } }').digest('hex'));
         console.log(JSON.stringify({ cryptoLoads, hashes }));`,
      ],
      { encoding: 'utf8' },
    );
    const { cryptoLoads, hashes } = JSON.parse(out) as { cryptoLoads: number; hashes: string[] };
    const expected = createHash('sha256').update('query { me { authId } }').digest('hex');
    expect(hashes).toEqual([expected, expected, expected]);
    expect(cryptoLoads).toBe(1);
  });
});

describe("@sveltejs/kit: the CSP's script hashes on Node", () => {
  it('hashes synchronously with node:crypto, to the same sha256 WebCrypto gives, and makes no nonce it does not use', async () => {
    // not among the package's exports: the file itself, as the client's build bundles it
    // the build defines this global; the source file reads it
    (globalThis as Record<string, unknown>).__SVELTEKIT_DEV__ = false;
    const csp = pathToFileURL(path.resolve('node_modules/@sveltejs/kit/src/runtime/server/page/csp.js')).href;
    const { Csp } = (await import(csp)) as { Csp: new (config: unknown, opts: { prerender: boolean }) => Record<string, unknown> };
    let randomCalls = 0;
    const getRandomValues = crypto.getRandomValues.bind(crypto);
    crypto.getRandomValues = ((array: Uint8Array<ArrayBuffer>) => {
      randomCalls++;
      return getRandomValues(array);
    }) as typeof crypto.getRandomValues;
    let digestCalls = 0;
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    crypto.subtle.digest = ((...args: Parameters<typeof digest>) => {
      digestCalls++;
      return digest(...args);
    }) as typeof crypto.subtle.digest;
    try {
      const page = new Csp({ mode: 'hash', directives: { 'script-src': ['self'] }, reportOnly: {} }, { prerender: false });
      const script = 'const data = [{"type":"data","data":{"user":{"name":"山田"}}}];';
      await (page.add_script as (s: string) => Promise<void>)(script);
      const header = (page.csp_provider as { get_header(): string }).get_header();
      expect(header).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
      expect(digestCalls).toBe(0);
      expect(randomCalls).toBe(0);
      expect(page.nonce).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(randomCalls).toBe(1);
    } finally {
      crypto.getRandomValues = getRandomValues;
      crypto.subtle.digest = digest;
    }
  });
});
