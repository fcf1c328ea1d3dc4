import { CompactSign } from 'jose';
import type { Config } from '../../config.js';
import { coeKeys } from './coe-keys.js';

/** The signed fields (docs/spec/coe.md "The signed code"): short names keep the QR code small. */
export interface CoeCodePayload {
  /** number */
  n: string;
  /** name as in the passport */
  nm: string;
  /** birth date YYYY-MM-DD */
  dob: string;
  /** nationality, ISO 3166-1 alpha-3 */
  nat: string;
  /** status of residence code */
  sor: string;
  /** issued on YYYY-MM-DD */
  iss: string;
  /** expires on (the last valid day) YYYY-MM-DD */
  exp: string;
  /** bureau */
  bu: string;
}

/**
 * The verification code: a compact JWS (ES256, header `kid`) over the payload's JSON. Not a JWT: `iss` and `exp` are
 * dates of the COE, not JWT claims, and no JWT library should read them as such (the header has no `typ` JWT).
 */
export async function signCoeCode(config: Config, payload: CoeCodePayload): Promise<string> {
  const keys = await coeKeys(config);
  const body = new TextEncoder().encode(
    JSON.stringify({ n: payload.n, nm: payload.nm, dob: payload.dob, nat: payload.nat, sor: payload.sor, iss: payload.iss, exp: payload.exp, bu: payload.bu }),
  );
  return new CompactSign(body).setProtectedHeader({ alg: 'ES256', kid: keys.kid }).sign(keys.privateKey);
}

/** Where the code is checked: the fragment never reaches a server log (`PUBLIC_URL/verify#<JWS>`); the QR encodes it. */
export function verificationUrl(config: Config, code: string): string {
  return `${config.publicUrl}/verify#${code}`;
}
