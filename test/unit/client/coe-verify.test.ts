import { generateKeyPairSync } from 'node:crypto';
import { CompactSign, exportJWK, calculateJwkThumbprint, type JWK } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYS_STORAGE, checkCode, codeFromHash } from '../../../client/src/lib/coe-verify.js';

/**
 * The /verify page's in-browser check (client/src/lib/coe-verify.ts, docs/spec/coe.md "Screens"), run here with Node's
 * WebCrypto, a fetch that serves (or fails to serve) the JWKS, and a Map standing in for localStorage.
 */
const PAYLOAD = { n: 'TK2600012344', nm: 'TRAN HOANG', dob: '1995-02-03', nat: 'VNM', sor: 'ENGINEER_HUMANITIES_INTL', iss: '2026-12-07', exp: '2027-03-06', bu: 'TOKYO' };
let publicJwk: JWK;
let code: string;
let foreignCode: string;

async function sign(privateKey: CryptoKey | import('node:crypto').KeyObject, kid: string, payload: object = PAYLOAD, alg = 'ES256') {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg, kid }).sign(privateKey);
}

const store = new Map<string, string>();
function serveKeys(keys: JWK[] | 'offline') {
  vi.stubGlobal('fetch', vi.fn(async () => {
    if (keys === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ keys }), { headers: { 'content-type': 'application/jwk-set+json' } });
  }));
}

beforeAll(async () => {
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  publicJwk = await exportJWK(publicKey);
  publicJwk.kid = await calculateJwkThumbprint(publicJwk);
  code = await sign(privateKey, publicJwk.kid);
  // the same kid, another key: what a forger with the published kid could make
  foreignCode = await sign(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, publicJwk.kid);
});

afterEach(() => vi.unstubAllGlobals());

describe('checkCode', () => {
  it('a code signed by a published key is genuine, with its signed fields; the keys are stored', async () => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
    serveKeys([publicJwk]);
    const answer = await checkCode(code);
    expect(answer).toMatchObject({ kind: 'genuine', payload: PAYLOAD, kid: publicJwk.kid, keysFrom: 'network' });
    expect(JSON.parse(store.get(KEYS_STORAGE)!).keys[0].kid).toBe(publicJwk.kid);
  });

  it('offline, in a page opened afresh: the keys stored by an earlier visit verify it; with none stored: no keys', async () => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
    serveKeys('offline');
    vi.resetModules();
    const fresh = await import('../../../client/src/lib/coe-verify.js');
    expect(await fresh.checkCode(code)).toMatchObject({ kind: 'genuine', keysFrom: 'cache' });
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
    vi.resetModules();
    const empty = await import('../../../client/src/lib/coe-verify.js');
    expect(await empty.checkCode(code)).toEqual({ kind: 'no-keys' });
  });

  it('not genuine: an edited payload, another key under the published kid, an unknown kid, alg none, garbage', async () => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
    serveKeys([publicJwk]);
    const [h, , s] = code.split('.');
    const edited = `${h}.${Buffer.from(JSON.stringify({ ...PAYLOAD, nm: 'MALLORY EVE' })).toString('base64url')}.${s}`;
    const unknownKid = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'nobody' })).toString('base64url')}.${code.split('.')[1]}.${s}`;
    const algNone = `${Buffer.from(JSON.stringify({ alg: 'none', kid: publicJwk.kid })).toString('base64url')}.${code.split('.')[1]}.`;
    expect(await checkCode(edited)).toEqual({ kind: 'not-genuine', reason: 'bad-signature' });
    expect(await checkCode(foreignCode)).toEqual({ kind: 'not-genuine', reason: 'bad-signature' });
    expect(await checkCode(unknownKid)).toEqual({ kind: 'not-genuine', reason: 'unknown-key' });
    for (const bad of [algNone, 'a.b.c', 'x', `${h}.${code.split('.')[1]}.${s.slice(2)}`]) {
      expect(await checkCode(bad)).toEqual({ kind: 'not-genuine', reason: 'malformed' });
    }
  });

  it('a key withdrawn from the JWKS stops verifying once the page is online again', async () => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
    serveKeys([]);
    expect(await checkCode(code)).toEqual({ kind: 'not-genuine', reason: 'unknown-key' });
  });
});

it('codeFromHash: the fragment without #, percent-decoded, whitespace dropped', () => {
  expect(codeFromHash('#a.b.c')).toBe('a.b.c');
  expect(codeFromHash('#a.b%20.c')).toBe('a.b.c');
  expect(codeFromHash('')).toBe('');
});
