import { generateSecret, generateURI, verifySync, type VerifyResult as TotpVerifyResult } from 'otplib';
import QRCode from 'qrcode';

/**
 * TOTP as staff.md asks for it: RFC 6238, 30-second steps, 6 digits, SHA-1 (what every authenticator app takes),
 * accepting the step before and after the server's (clock drift), each code once. otplib does the arithmetic; that a
 * code is accepted once is ours: the step of the last accepted code is stored (staff_member.totp_last_step) and a
 * code of that step or an earlier one is refused, under the member's row lock.
 */
const PERIOD = 30;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URL an authenticator app reads from the QR code. */
export function otpauthUrl(secret: string, loginId: string): string {
  return generateURI({ issuer: '在留申請オンラインシステム 職員', label: loginId, secret, period: PERIOD, digits: 6 });
}

/** The QR code of the otpauth URL as a `data:image/svg+xml` URL the console shows in an <img> (no script, CSP-safe). */
export async function totpQrCode(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** A code as typed: full-width digits and spaces (an IME, "123 456") are forgiven; anything else stays as it is. */
export function normalizeTotpCode(raw: string): string {
  return raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000-]/g, '');
}

export const isTotpCodeFormat = (code: string): boolean => /^\d{6}$/.test(code);

/**
 * The time step the code belongs to when it is right at `now` (±1 step) and newer than `lastStep`; null otherwise.
 * The caller stores the step it gets, in the same transaction as the login or enrolment it accepts.
 */
export function acceptTotpCode(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!isTotpCodeFormat(code)) return null;
  let result: TotpVerifyResult;
  try {
    // the default strategy is TOTP, whose result carries the time step (the union type also covers HOTP's)
    result = verifySync({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), period: PERIOD, digits: 6, epochTolerance: PERIOD }) as TotpVerifyResult;
  } catch {
    return null; // a malformed stored secret is a failed code, never a 500
  }
  if (!result.valid) return null;
  if (lastStep !== null && result.timeStep <= lastStep) return null;
  return result.timeStep;
}
