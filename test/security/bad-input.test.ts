import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { PASSWORD, activeUser, loginToken } from '../support/fixtures.js';

/**
 * security.md 22 and 27 across every mutation a user or partner can call: hostile values in every string field get
 * a typed answer (a field error or the operation's own error), never a top-level error, a 500, or a change to data.
 */
const PAYLOADS: Record<string, string> = {
  'SQL injection': "x' OR '1'='1'; DROP TABLE user_account; --",
  'NUL byte': 'abc\u0000def',
  '10,000 characters': 'A'.repeat(10_000),
  'emoji and surrogate pairs': '😀𠮷👨‍👩‍👧',
  'lone surrogate': 'ab\ud800cd',
  'CR/LF header injection': 'x\r\nBcc: victim@evil.example',
  'right-to-left override': 'abc\u202Edef',
};

interface Target {
  mutation: string;
  fields: string[];
  /** the result types that are acceptable answers to bad input */
  accept: string[];
  auth?: boolean;
  base: Record<string, unknown>;
}

const TARGETS: Record<string, Target> = {
  validateRegistration: {
    mutation: 'validateRegistration(input: $input) { __typename }',
    fields: ['name', 'sex', 'birthYear', 'birthMonth', 'birthDay', 'residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation', 'userClass'],
    accept: ['InputValidationError'],
    base: { termsAccepted: true },
  },
  login: { mutation: 'login(input: $input) { __typename }', fields: ['authId', 'password'], accept: ['InputValidationError', 'InvalidCredentialsError'], base: { authId: 'abcde12345', password: 'Wrong-pass1!' } },
  setPassword: { mutation: 'setPassword(input: $input) { __typename }', fields: ['token', 'password', 'passwordConfirmation'], accept: ['InputValidationError', 'InvalidLinkError'], base: { token: 'x', password: PASSWORD, passwordConfirmation: PASSWORD } },
  requestPasswordReset: { mutation: 'requestPasswordReset(input: $input) { __typename }', fields: ['authId', 'email'], accept: ['InputValidationError', 'AuthIdEmailMismatchError'], base: { authId: 'abcde12345', email: 'a@example.jp' } },
  updateUser: { mutation: 'updateUser(input: $input) { __typename }', fields: ['residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation'], accept: ['InputValidationError'], auth: true, base: {} },
  changePassword: { mutation: 'changePassword(input: $input) { __typename }', fields: ['currentPassword', 'newPassword', 'newPasswordConfirmation'], accept: ['InputValidationError', 'WrongCurrentPasswordError'], auth: true, base: { currentPassword: 'Wrong-pass1!', newPassword: 'Other9$Pass', newPasswordConfirmation: 'Other9$Pass' } },
};

let server: TestServer;
let token: string;
let userId: string;
let snapshot: string;

async function accountSnapshot(): Promise<string> {
  const { rows } = await server.db.query('select auth_id, name, email, phone, residence_code, residence_address, user_class, status, password_hash from user_account where id = $1', [userId]);
  return JSON.stringify(rows[0]);
}

beforeAll(async () => {
  server = await startTestServer();
  const user = await activeUser(server);
  userId = user.userId;
  token = await loginToken(server, user.authId);
  snapshot = await accountSnapshot();
});
afterAll(async () => server?.stop());

describe.each(Object.entries(TARGETS))('%s', (name, target) => {
  describe.each(Object.entries(PAYLOADS))('%s', (_label, payload) => {
    it.each(target.fields)('in %s: a typed answer, never a top-level error', async (field) => {
      const res = await server.gql(
        `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${target.mutation} }`.replace('ValidateRegistrationInput', 'RegisterInput'),
        { input: { ...target.base, [field]: payload } },
        { token: target.auth ? token : null },
      );
      expect(res.status, JSON.stringify(res.errors)).toBe(200);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(target.accept).toContain(res.data[name].__typename);
      expect(JSON.stringify(res)).not.toContain('DROP TABLE');
    });
  });
});

it('none of it changed the account', async () => {
  expect(await accountSnapshot()).toBe(snapshot);
});
