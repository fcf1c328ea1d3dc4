import type { GqlOptions, TestServer } from './test-server.js';
import { hashToken } from '../../server/src/lib/tokens.js';

export const VALID_REGISTRATION = {
  name: 'HOUMU TARO',
  sex: 'MALE',
  birthYear: '1990',
  birthMonth: '4',
  birthDay: '1',
  residenceCode: '131016',
  residenceAddress: '霞が関１－１－１',
  phone: '0312345678',
  email: 'taro@example.jp',
  emailConfirmation: 'taro@example.jp',
  userClass: 'COUNTER_COE_RECIPIENT',
  termsAccepted: true,
};

/** The tests' standard password (not the on-screen example Kasumi7$Seki, which the server refuses). */
export const PASSWORD = 'Hibiya4#Kouen';

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      __typename
      ... on RegistrationAccepted { email }
      ... on InputValidationError { code message fieldErrors { field code message } }
    }
  }`;

export const SET_PASSWORD = /* GraphQL */ `
  mutation SetPassword($input: SetPasswordInput!) {
    setPassword(input: $input) {
      __typename
      ... on PasswordSet { authId }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginSuccess { token expiresAt user { authId name previousLoginAt } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
      ... on AccountLockedError { lockedUntil }
      ... on PasswordExpiredError { token }
    }
  }`;

export const REQUEST_PASSWORD_RESET = /* GraphQL */ `
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on PasswordResetRequested { email }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const ME = /* GraphQL */ `query { me { authId name email userClass previousLoginAt passwordExpiresAt residence { code name fullName prefecture { name } } menu { key available unavailableReason } } }`;

export const LOGOUT = /* GraphQL */ `mutation { logout { __typename ... on LoggedOut { ok } } }`;

let counter = 0;
/** A unique, valid e-mail address per call, so rate limits per address never meet across tests. */
export function uniqueEmail(): string {
  counter += 1;
  return `user${process.pid}x${counter}@example.jp`;
}

/**
 * Registers through the API and returns the 認証ID and a fresh first-password token. The token the mail carries is
 * known only to the mail; tests that do not read mail replace the link's hash with one of a token they choose.
 */
export async function registerUser(server: TestServer, overrides: Partial<typeof VALID_REGISTRATION> = {}, opts: GqlOptions = {}) {
  const email = overrides.email ?? uniqueEmail();
  const input = { ...VALID_REGISTRATION, email, emailConfirmation: email, ...overrides };
  const res = await server.gql(REGISTER, { input }, opts);
  if (res.data?.register?.__typename !== 'RegistrationAccepted') throw new Error(`register failed: ${JSON.stringify(res)}`);
  const { rows } = await server.db.query<{ id: string; auth_id: string }>(
    'select id, auth_id from user_account where lower(email) = lower($1) order by created_at desc limit 1',
    [email],
  );
  const token = `test-token-${rows[0].auth_id}-${Date.now()}-${Math.random()}`;
  await server.db.query(
    "update email_link set token_hash = $1 where user_id = $2 and purpose = 'FIRST_PASSWORD' and used_at is null and voided_at is null",
    [hashToken(token), rows[0].id],
  );
  return { userId: rows[0].id, authId: rows[0].auth_id, email, token };
}

/** Registers and sets the password: an ACTIVE account ready to log in. */
export async function activeUser(
  server: TestServer,
  overrides: Partial<typeof VALID_REGISTRATION> = {},
  password = PASSWORD,
  opts: GqlOptions = {},
) {
  const user = await registerUser(server, overrides, opts);
  const res = await server.gql(SET_PASSWORD, { input: { token: user.token, password, passwordConfirmation: password } }, opts);
  if (res.data?.setPassword?.__typename !== 'PasswordSet') throw new Error(`setPassword failed: ${JSON.stringify(res)}`);
  return { ...user, password };
}

export async function loginToken(server: TestServer, authId: string, password = PASSWORD, opts: GqlOptions = {}): Promise<string> {
  const res = await server.gql(LOGIN, { input: { authId, password } }, opts);
  if (res.data?.login?.__typename !== 'LoginSuccess') throw new Error(`login failed: ${JSON.stringify(res)}`);
  return res.data.login.token;
}

/**
 * Client addresses under `prefix` (e.g. '10.1'), a new one each call: sent as X-Forwarded-For through a trusted proxy,
 * so per-IP limits of one test never meet another's. Each test server has a database of its own, so an address need
 * only be new within its file; the prefix tells the files' requests apart in logs.
 */
export function clientAddresses(prefix: string): () => string {
  let count = 0;
  return () => {
    count += 1;
    return `${prefix}.${Math.floor(count / 250)}.${(count % 250) + 1}`;
  };
}
