import { CompactSign, compactVerify, createLocalJWKSet, generateKeyPair, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser } from '../../support/fixtures.js';
import { coeMails, issueCoe, staffToken } from './coe-helpers.js';

/**
 * The offline proof (docs/spec/coe.md "The signed code"): a verifier with nothing but the published JWKS and a JOSE
 * library accepts the code of a mailed COE and refuses a changed one, one signed by another key, and an unknown kid.
 */

let server: TestServer;
let code: string;
let coe: Record<string, any>;

beforeAll(async () => {
  server = await startTestServer();
  const clerk = await staffToken(server, ['COUNTER_CLERK']);
  const user = await activeUser(server);
  coe = await issueCoe(server, clerk.token, user.authId, { name: 'Tran Hoang', birthDate: '1995-02-03', statusOfResidence: 'student', organization: null });
  const [mail] = await coeMails(server, coe.number);
  // the code as the mail carries it: the fragment of PUBLIC_URL/verify#<code>
  code = /http:\/\/portal\.test\/verify#(\S+)/.exec(mail.body)![1];
});
afterAll(async () => server?.stop());

async function publishedKeys(): Promise<{ jwks: JSONWebKeySet; res: Response }> {
  const res = await fetch(`${server.url}/.well-known/coe-keys.json`);
  return { jwks: (await res.json()) as JSONWebKeySet, res };
}

it('GET /.well-known/coe-keys.json is a cacheable public JWKS (ES256 public keys only)', async () => {
  const { jwks, res } = await publishedKeys();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
  expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(jwks.keys.length).toBeGreaterThan(0);
  for (const key of jwks.keys) {
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(key).not.toHaveProperty('d');
  }
});

it('the mailed code verifies with nothing but the published JWKS and jose, and carries the COE’s fields', async () => {
  const { jwks } = await publishedKeys();
  const { payload, protectedHeader } = await compactVerify(code, createLocalJWKSet(jwks));
  expect(protectedHeader.alg).toBe('ES256');
  expect(jwks.keys.map((k) => k.kid)).toContain(protectedHeader.kid);
  expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
    n: coe.number,
    nm: 'TRAN HOANG',
    dob: '1995-02-03',
    nat: 'VNM',
    sor: 'STUDENT',
    iss: coe.issuedOn,
    exp: coe.expiresOn,
    bu: 'TOKYO',
  });
  expect(code).toBe(coe.verificationCode);
});

it('one changed character anywhere (header, payload, signature) is refused', async () => {
  const jwks = createLocalJWKSet((await publishedKeys()).jwks);
  const [header, payload, signature] = code.split('.');
  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
  for (const changed of [
    `${header}.${flip(payload, 10)}.${signature}`,
    `${header}.${flip(payload, payload.length - 2)}.${signature}`,
    `${header}.${payload}.${flip(signature, 5)}`,
    `${flip(header, 3)}.${payload}.${signature}`,
  ]) {
    await expect(compactVerify(changed, jwks)).rejects.toThrow();
  }
  // a forged payload (another birth date) re-encoded under the original signature
  const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
  forged.dob = '1995-02-04';
  await expect(compactVerify(`${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`, jwks)).rejects.toThrow(/signature/i);
});

it('a code signed by another key under the published kid, and one with an unknown kid, are refused', async () => {
  const jwks = createLocalJWKSet((await publishedKeys()).jwks);
  const { protectedHeader, payload } = await compactVerify(code, jwks);
  const other = await generateKeyPair('ES256');
  const impostor = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256', kid: protectedHeader.kid }).sign(other.privateKey);
  await expect(compactVerify(impostor, jwks)).rejects.toThrow(/signature verification failed/);
  const unknownKid = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256', kid: 'not-a-published-key' }).sign(other.privateKey);
  await expect(compactVerify(unknownKid, jwks)).rejects.toThrow(/no applicable key/i);
});
