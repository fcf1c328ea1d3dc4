import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compactVerify, createLocalJWKSet, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../server/src/config.js';
import { coeKeys, GENERATED_KEY_FILE } from '../../../../server/src/modules/coe/coe-keys.js';
import { signCoeCode } from '../../../../server/src/modules/coe/coe-code.js';

/** COE_SIGNING_KEY / COE_VERIFY_KEYS and the development key (docs/spec/coe.md "The signed code"). */

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'coe-keys-'));
const config = (env: Record<string, string>) => loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x', ...env }, ['--role=server']);
const PAYLOAD = { n: 'TK2600012344', nm: 'TRAN HOANG', dob: '1995-02-03', nat: 'VNM', sor: 'STUDENT', iss: '2026-04-01', exp: '2026-06-30', bu: 'TOKYO' };
const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('the COE signing key', () => {
  it('is generated on the first start under DATA_DIR (owner-only), and the same key is read on the next', async () => {
    const dataDir = tmp();
    const first = await coeKeys(config({ DATA_DIR: dataDir }));
    const file = path.join(dataDir, GENERATED_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String) });
    const second = await coeKeys(config({ DATA_DIR: dataDir }));
    expect(second.kid).toBe(first.kid);
    expect(first.jwks.keys).toHaveLength(1);
    expect(first.jwks.keys[0]).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: first.kid, alg: 'ES256', use: 'sig' });
    expect(first.jwks.keys[0]).not.toHaveProperty('d');
  });

  it('COE_SIGNING_KEY as a JWK, a PEM (PKCS#8 or SEC1) or a file path', async () => {
    const { privateKey } = p256();
    const jwk = privateKey.export({ format: 'jwk' });
    const fromJwk = await coeKeys(config({ COE_SIGNING_KEY: JSON.stringify({ ...jwk, kid: 'k-2026' }) }));
    expect(fromJwk.kid).toBe('k-2026');
    const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const sec1 = privateKey.export({ format: 'pem', type: 'sec1' }) as string;
    const file = path.join(tmp(), 'key.pem');
    writeFileSync(file, pkcs8);
    const kids = await Promise.all([pkcs8, sec1, file].map(async (value) => (await coeKeys(config({ COE_SIGNING_KEY: value }))).kid));
    expect(new Set(kids).size).toBe(1); // the same key, the same thumbprint
  });

  it('refuses a key that is not ES256, not a key, or a missing file, naming the variable', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    for (const value of [rsa, '{"kty":"EC"}', '/nonexistent/key.pem']) {
      await expect(coeKeys(config({ COE_SIGNING_KEY: value }))).rejects.toThrow(ConfigError);
      await expect(coeKeys(config({ COE_SIGNING_KEY: value }))).rejects.toThrow(/COE_SIGNING_KEY/);
    }
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@h/x', SMTP_URL: 'smtp://h', MAIL_FROM: 'a@b.jp' }, [])).toThrow(/COE_SIGNING_KEY/);
  });

  it('rotation: COE_VERIFY_KEYS publishes old public keys beside the new one; a code of the old key still verifies, the new key signs', async () => {
    const dataDir = tmp();
    const old = await coeKeys(config({ DATA_DIR: dataDir }));
    const oldCode = await signCoeCode(config({ DATA_DIR: dataDir }), PAYLOAD);
    const rotated = config({ COE_SIGNING_KEY: JSON.stringify(p256().privateKey.export({ format: 'jwk' })), COE_VERIFY_KEYS: JSON.stringify(old.jwks) });
    const keys = await coeKeys(rotated);
    expect(keys.jwks.keys.map((k) => k.kid)).toEqual([keys.kid, old.kid]);
    const jwks = createLocalJWKSet(keys.jwks);
    expect((await compactVerify(oldCode, jwks)).protectedHeader.kid).toBe(old.kid);
    const newCode = await signCoeCode(rotated, PAYLOAD);
    expect((await compactVerify(newCode, jwks)).protectedHeader.kid).toBe(keys.kid);
    // a private key given as a verify key is published without its private part
    const leaked = await coeKeys(config({ DATA_DIR: tmp(), COE_VERIFY_KEYS: JSON.stringify(p256().privateKey.export({ format: 'jwk' })) }));
    expect(leaked.jwks.keys[1]).not.toHaveProperty('d');
    await expect(coeKeys(config({ DATA_DIR: tmp(), COE_VERIFY_KEYS: 'not json' }))).rejects.toThrow(/COE_VERIFY_KEYS/);
  });

  it('a code is a compact JWS (ES256, kid) over n nm dob nat sor iss exp bu — not a JWT', async () => {
    const cfg = config({ DATA_DIR: tmp() });
    const code = await signCoeCode(cfg, PAYLOAD);
    const { jwks, kid } = await coeKeys(cfg);
    const { payload, protectedHeader } = await compactVerify(code, await importJWK(jwks.keys[0], 'ES256'));
    expect(protectedHeader).toEqual({ alg: 'ES256', kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(PAYLOAD);
  });
});
