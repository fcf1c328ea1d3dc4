/**
 * The offline proof of an electronic COE, in the browser (docs/spec/coe.md "The signed code"): a compact JWS (ES256,
 * header `kid`) checked with WebCrypto against the published keys (`/.well-known/coe-keys.json`). The keys are kept in
 * localStorage whenever they were fetched, so a page that was loaded once checks codes with the network gone; fetched
 * again (network first) whenever the network is there, so a key withdrawn from the JWKS stops verifying.
 *
 * WebCrypto's ECDSA signature format is the raw r‖s that JWS uses (RFC 7518 §3.4): no DER conversion.
 */

export const KEYS_URL = '/.well-known/coe-keys.json';
export const KEYS_STORAGE = 'coe-verification-keys';

/** The signed fields (docs/spec/coe.md): number, name, birth date, nationality, status, issued, expires, bureau. */
export interface CoePayload {
  n: string;
  nm: string;
  dob: string;
  nat: string;
  sor: string;
  iss: string;
  exp: string;
  bu: string;
}

export type CodeCheck =
  | { kind: 'genuine'; payload: CoePayload; kid: string; keysFrom: 'network' | 'cache' }
  | { kind: 'not-genuine'; reason: 'malformed' | 'unknown-key' | 'bad-signature' }
  | { kind: 'no-keys' };

interface Jwk extends JsonWebKey {
  kid?: string;
}

function base64UrlBytes(part: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function json(part: string): unknown {
  return JSON.parse(new TextDecoder().decode(base64UrlBytes(part)));
}

function isPayload(p: unknown): p is CoePayload {
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  return ['n', 'nm', 'dob', 'nat', 'sor', 'iss', 'exp', 'bu'].every((k) => typeof o[k] === 'string');
}

/** The code from the address's fragment (`/verify#<code>`), or '' when there is none. Whitespace is forgiven. */
export function codeFromHash(hash: string): string {
  let code = hash.replace(/^#/, '');
  try {
    code = decodeURIComponent(code);
  } catch {
    // not percent-encoded: as it is
  }
  return code.replace(/\s+/g, '');
}

let memory: { keys: Jwk[]; from: 'network' | 'cache' } | null = null;
const imported = new Map<string, Promise<CryptoKey>>();

function storedKeys(): Jwk[] | null {
  try {
    const raw = localStorage.getItem(KEYS_STORAGE);
    const parsed = raw ? (JSON.parse(raw) as { keys?: Jwk[] }) : null;
    return Array.isArray(parsed?.keys) ? parsed.keys : null;
  } catch {
    return null;
  }
}

/**
 * The published keys: fetched (and stored) when the network answers, else the stored copy; null when neither.
 * `refresh` false reuses what this page already has (repeated checks of codes need no request each).
 */
export async function verificationKeys(refresh = true): Promise<{ keys: Jwk[]; from: 'network' | 'cache' } | null> {
  if (!refresh && memory) return memory;
  try {
    const res = await fetch(KEYS_URL, { cache: 'no-cache', headers: { accept: 'application/jwk-set+json, application/json' } });
    if (!res.ok) throw new Error(String(res.status));
    const jwks = (await res.json()) as { keys?: Jwk[] };
    if (!Array.isArray(jwks.keys)) throw new Error('no keys');
    try {
      localStorage.setItem(KEYS_STORAGE, JSON.stringify({ keys: jwks.keys, storedAt: new Date().toISOString() }));
    } catch {
      // storage full or refused (private mode): the page still checks while it is open
    }
    if (JSON.stringify(memory?.keys) !== JSON.stringify(jwks.keys)) imported.clear();
    memory = { keys: jwks.keys, from: 'network' };
  } catch {
    const keys = memory?.keys ?? storedKeys();
    memory = keys ? { keys, from: 'cache' } : null;
  }
  return memory;
}

function importKey(jwk: Jwk): Promise<CryptoKey> {
  const id = jwk.kid ?? JSON.stringify(jwk);
  let key = imported.get(id);
  if (!key) {
    const { kty, crv, x, y } = jwk;
    key = crypto.subtle.importKey('jwk', { kty, crv, x, y, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    imported.set(id, key);
  }
  return key;
}

/**
 * Checks a compact JWS against the keys: genuine (with the signed fields) when an ES256 signature by a published key
 * verifies; not genuine when it is malformed, names a key that is not published, or its signature does not verify.
 */
export async function checkCode(code: string, opts: { refreshKeys?: boolean } = {}): Promise<CodeCheck> {
  const parts = code.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '')) return { kind: 'not-genuine', reason: 'malformed' };
  let header: { alg?: unknown; kid?: unknown };
  let payload: unknown;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    header = json(parts[0]) as typeof header;
    payload = json(parts[1]);
    signature = base64UrlBytes(parts[2]);
  } catch {
    return { kind: 'not-genuine', reason: 'malformed' };
  }
  if (header?.alg !== 'ES256' || typeof header.kid !== 'string' || signature.length !== 64 || !isPayload(payload)) {
    return { kind: 'not-genuine', reason: 'malformed' };
  }
  const keys = await verificationKeys(opts.refreshKeys ?? true);
  if (!keys) return { kind: 'no-keys' };
  const jwk = keys.keys.find((k) => k.kid === header.kid && k.kty === 'EC' && k.crv === 'P-256');
  if (!jwk) return { kind: 'not-genuine', reason: 'unknown-key' };
  let ok = false;
  try {
    const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
    ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await importKey(jwk), signature, signed);
  } catch {
    ok = false;
  }
  if (!ok) return { kind: 'not-genuine', reason: 'bad-signature' };
  return { kind: 'genuine', payload, kid: header.kid, keysFrom: keys.from };
}
