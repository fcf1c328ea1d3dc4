import { createHmac } from 'node:crypto';

/**
 * An authenticator app's side of RFC 6238 (TOTP: HMAC-SHA1, 30-second steps, 6 digits), written from the RFC with
 * node:crypto — not with the library the server uses — so the tests check the server against the standard.
 */
function base32Decode(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((b) => parseInt(b, 2)));
}

/** The code of the time step `offset` steps away from `at`'s (the step before: -1). */
export function totpCode(secret: string, at: Date, offset = 0): string {
  const step = Math.floor(at.getTime() / 1000 / 30) + offset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const at4 = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(at4) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/** RFC 6238 appendix B's first SHA-1 vector, as a self-check of this helper (secret "12345678901234567890"). */
export const RFC6238_SHA1_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
