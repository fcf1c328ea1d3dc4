import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey as NodeJwk } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';
import { ConfigError, type Config } from '../../config.js';

/** The keys of the COE verification code (docs/spec/coe.md "The signed code"). */
export interface CoeKeys {
  /** the signing key's id, the JWS header's `kid` (its RFC 7638 thumbprint unless the JWK names one) */
  kid: string;
  privateKey: CryptoKey;
  /** what GET /.well-known/coe-keys.json publishes: the signing key's public half first, then COE_VERIFY_KEYS */
  jwks: { keys: JWK[] };
}

/** The file a development start generates its key into (DATA_DIR, beside the embedded database). */
export const GENERATED_KEY_FILE = 'coe-signing-key.jwk.json';

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;

/** A value that is the key itself (JSON or PEM) or else the path of a file holding it. */
function keyText(value: string, variable: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('-----BEGIN')) return trimmed;
  try {
    return readFileSync(trimmed, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`${variable}: neither a JWK, a PEM nor a readable file (${(err as Error).message})`);
  }
}

function requireP256(jwk: NodeJwk, variable: string): void {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') throw new ConfigError(`${variable} must be an EC P-256 key (ES256), got ${jwk.kty} ${jwk.crv ?? ''}`);
}

/** A private JWK from a JWK or a PEM (PKCS#8 or SEC1), through node:crypto, which checks that it is a real key. */
function privateJwk(text: string, variable: string): JWK {
  try {
    const parsed = text.startsWith('{') ? (JSON.parse(text) as JWK) : undefined;
    const key = parsed ? createPrivateKey({ key: parsed as NodeJwk, format: 'jwk' }) : createPrivateKey(text);
    const jwk = key.export({ format: 'jwk' });
    requireP256(jwk, variable);
    return { ...(jwk as JWK), ...(parsed?.kid ? { kid: parsed.kid } : {}) };
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${variable} is not a usable private key (${(err as Error).message})`);
  }
}

async function publicJwk(jwk: JWK): Promise<JWK> {
  const pub = Object.fromEntries(PUBLIC_MEMBERS.map((m) => [m, jwk[m]])) as JWK;
  return { ...pub, kid: jwk.kid ?? (await calculateJwkThumbprint(pub)), alg: 'ES256', use: 'sig' };
}

/** The development key: read from DATA_DIR, or generated there on the first start (readable by the owner only). */
function generatedKey(config: Config): JWK {
  const file = path.resolve(config.dataDir, GENERATED_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    // written whole under a temporary name, then linked into place: link() fails if the file exists, so two processes
    // starting at once keep whichever key came first, and neither ever reads a half-written file
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(temporary);
    }
  }
  return privateJwk(readFileSync(file, 'utf8').trim(), file);
}

/** COE_VERIFY_KEYS: a JWKS, an array of JWKs or one JWK; only the public halves are kept. */
async function verifyKeys(value: string | undefined): Promise<JWK[]> {
  if (!value) return [];
  const variable = 'COE_VERIFY_KEYS';
  let parsed: unknown;
  try {
    parsed = JSON.parse(keyText(value, variable));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${variable} is not JSON (a JWKS or a JWK)`);
  }
  const list = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { keys?: unknown }).keys) ? (parsed as { keys: unknown[] }).keys : [parsed];
  return Promise.all(
    list.map(async (entry) => {
      const jwk = entry as JWK;
      try {
        createPublicKey({ key: Object.fromEntries(PUBLIC_MEMBERS.map((m) => [m, jwk[m]])) as NodeJwk, format: 'jwk' });
      } catch (err) {
        throw new ConfigError(`${variable} holds a key that is not usable (${(err as Error).message})`);
      }
      requireP256(jwk as NodeJwk, variable);
      return publicJwk(jwk);
    }),
  );
}

async function loadCoeKeys(config: Config): Promise<CoeKeys> {
  const jwk = config.coeSigningKey ? privateJwk(keyText(config.coeSigningKey, 'COE_SIGNING_KEY'), 'COE_SIGNING_KEY') : generatedKey(config);
  const pub = await publicJwk(jwk);
  const privateKey = (await importJWK({ ...jwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  const others = (await verifyKeys(config.coeVerifyKeys)).filter((k) => k.kid !== pub.kid);
  return { kid: pub.kid!, privateKey, jwks: { keys: [pub, ...others] } };
}

const loaded = new WeakMap<Config, Promise<CoeKeys>>();

/** The keys of this configuration, loaded (or generated) once; app start-up calls it first so a bad key stops the start. */
export function coeKeys(config: Config): Promise<CoeKeys> {
  let keys = loaded.get(config);
  if (!keys) {
    keys = loadCoeKeys(config);
    loaded.set(config, keys);
  }
  return keys;
}
