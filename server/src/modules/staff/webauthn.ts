import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Config } from '../../config.js';

/**
 * Passkeys (WebAuthn) through @simplewebauthn/server. The relying party is PUBLIC_URL: its host is the RP ID and its
 * origin the only accepted origin, so a passkey made for the portal works nowhere else and a ceremony run on another
 * site (phishing) fails. User verification (PIN, biometrics) is required in both ceremonies (staff.md).
 */
export function relyingParty(config: Config): { rpID: string; origin: string; rpName: string } {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: '在留申請オンラインシステム 職員 / Residence Application Online System staff' };
}

/** The credential options for navigator.credentials.create (JSON), and the challenge to keep until the answer. */
export async function passkeyRegistrationOptions(
  config: Config,
  staff: { id: string; loginId: string; name: string },
  existingCredentialIds: string[],
): Promise<{ optionsJson: string; challenge: string }> {
  const { rpID, rpName } = relyingParty(config);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: staff.loginId,
    userDisplayName: staff.name,
    userID: new TextEncoder().encode(staff.id),
    attestationType: 'none',
    excludeCredentials: existingCredentialIds.map((id) => ({ id })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  return { optionsJson: JSON.stringify(options), challenge: options.challenge };
}

export interface NewPasskey {
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

/** Parses a JSON answer of the browser; null when it is not a JSON object. */
function parseResponse<T>(json: string): T | null {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

/** Verifies a registration answer against the stored challenge; the new credential, or null when it fails. */
export async function verifyPasskeyRegistration(config: Config, responseJson: string, expectedChallenge: string): Promise<NewPasskey | null> {
  const response = parseResponse<RegistrationResponseJSON>(responseJson);
  if (!response) return null;
  const { rpID, origin } = relyingParty(config);
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return { credentialId: credential.id, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports ?? [] };
  } catch {
    return null; // a malformed or forged answer is a failed ceremony, never a 500
  }
}

/** The request options for navigator.credentials.get (JSON) for the given credentials, and the challenge to keep. */
export async function passkeyAuthenticationOptions(config: Config, credentials: { credentialId: string; transports: string[] }[]) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(config).rpID,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports as never })),
    userVerification: 'required',
  });
  return { optionsJson: JSON.stringify(options), challenge: options.challenge };
}

/** The credential id an assertion names (to find the stored passkey), or null when the answer is not one. */
export function assertionCredentialId(responseJson: string): string | null {
  const response = parseResponse<AuthenticationResponseJSON>(responseJson);
  return typeof response?.id === 'string' && response.id.length <= 1400 ? response.id : null;
}

/** Verifies an assertion with the stored credential; the new signature counter, or null when it fails. */
export async function verifyPasskeyAssertion(
  config: Config,
  responseJson: string,
  expectedChallenge: string,
  passkey: { credentialId: string; publicKey: Uint8Array; counter: number; transports: string[] },
): Promise<{ newCounter: number } | null> {
  const response = parseResponse<AuthenticationResponseJSON>(responseJson);
  if (!response) return null;
  const { rpID, origin } = relyingParty(config);
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports as never },
      requireUserVerification: true,
    });
    return result.verified ? { newCounter: result.authenticationInfo.newCounter } : null;
  } catch {
    return null;
  }
}
