import { startAuthentication, startRegistration } from '@simplewebauthn/browser';

/**
 * The browser's half of the passkey ceremonies (JavaScript only): ask the console's server for the options (it asks
 * the staff API, which stores the challenge), let the browser and the authenticator answer, and hand back the answer
 * as the JSON the staff API expects (`PublicKeyCredential.toJSON()`), for a form post. Throws when the user cancels,
 * the device has no passkey, or the step is over.
 */
async function options(url: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`options: ${res.status}`);
  return res.json();
}

export async function passkeyAssertion(url: string): Promise<string> {
  const optionsJSON = (await options(url)) as Parameters<typeof startAuthentication>[0]['optionsJSON'];
  return JSON.stringify(await startAuthentication({ optionsJSON }));
}

export async function passkeyRegistration(url: string): Promise<string> {
  const optionsJSON = (await options(url)) as Parameters<typeof startRegistration>[0]['optionsJSON'];
  return JSON.stringify(await startRegistration({ optionsJSON }));
}
