import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

const TOKEN_BYTES = 32;
// Random bytes drawn 4 KiB at a time (one CSPRNG call per 128 tokens, as Node's randomUUID does); each token's bytes
// are zeroed once encoded, so the buffer never holds a token that was handed out.
let pool = Buffer.alloc(0);
let offset = 0;

/** 256 bits from the CSPRNG, URL-safe. Used for session tokens and e-mailed link tokens. */
export function newToken(): string {
  if (offset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(128 * TOKEN_BYTES);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + TOKEN_BYTES);
  pool.fill(0, offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return token;
}

/**
 * Staff bearer tokens start with this, applicants' never do (theirs are bare base64url): each surface refuses the
 * other's tokens before any database work, and a token pasted into the wrong place is recognisable in a report.
 */
export const STAFF_TOKEN_PREFIX = 'stf_';

export const isStaffToken = (token: string): boolean => token.startsWith(STAFF_TOKEN_PREFIX);

/** Only this hash is stored; a leaked table gives no usable token. SHA-256 suffices for 256-bit random input. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** An 認証ID like the real system's `wikpn31487`: 5 lower-case letters then 5 digits (26^5·10^5 ≈ 1.2·10^12). */
export function newAuthId(): string {
  let id = '';
  for (let i = 0; i < 5; i++) id += LETTERS[randomInt(26)];
  for (let i = 0; i < 5; i++) id += String(randomInt(10));
  return id;
}

/** A short id that logs and error pages show, so a user's report can be matched to a log line. */
export function newRequestId(): string {
  // randomUUID draws from a cached pool of random bytes (cheaper per call than randomBytes); its first 12 hex digits
  // are all random (the version nibble comes later).
  const uuid = randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13);
}
