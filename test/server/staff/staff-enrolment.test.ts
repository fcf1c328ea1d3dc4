import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROL_STAFF, STAFF_ENROLMENT, STAFF_LOGIN, STAFF_ME, STAFF_PASSWORD, auditEvents, staffWithLink } from '../../support/staff-helpers.js';
import { SoftwareAuthenticator } from '../../support/software-authenticator.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { totpCode } from '../../support/totp.js';
import { issueEnrolmentLink } from '../../../server/src/modules/staff/staff-enrolment.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const enrol = async (input: Record<string, unknown>) => (await server.staffGql(ENROL_STAFF, { input })).data?.enrolStaff;
const view = async (token: string) => (await server.staffGql(STAFF_ENROLMENT, { token })).data?.staffEnrolment;

describe('the enrolment link', () => {
  it('shows the login ID, the TOTP secret, its otpauth URL and QR code while open; null for an unknown token', async () => {
    const member = await staffWithLink(server, { name: '入管 太郎', roles: ['AUDITOR'] });
    const shown = await view(member.token);
    expect(shown).toMatchObject({ loginId: member.loginId, name: '入管 太郎', bureau: 'TOKYO' });
    expect(shown.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(shown.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(shown.totpSecret);
    expect(url.searchParams.get('period') ?? '30').toBe('30'); // 30 s and 6 digits are the URI format's defaults
    expect(shown.totpQrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(shown.totpQrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    expect(await view('no-such-token')).toBeNull();
  });

  it('refuses every invalid field at once: the password policy, its confirmation, a missing or wrong code', async () => {
    const member = await staffWithLink(server);
    const missing = await enrol({ token: member.token, password: 'short', passwordConfirmation: 'other' });
    expect(missing.__typename).toBe('InputValidationError');
    expect(missing.fieldErrors.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual([
      'password:WZBAM005E',
      'passwordConfirmation:WZBAM160E',
      'totpCode:WZBAM001E',
    ]);
    const wrong = await enrol({ token: member.token, password: STAFF_PASSWORD, passwordConfirmation: STAFF_PASSWORD, totpCode: '000000' });
    expect(wrong.fieldErrors).toEqual([{ field: 'totpCode', code: 'STAFF_TOTP_CODE_INVALID', message: '確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。' }]);
    expect((await enrol({ token: member.token, password: 'Password1!', passwordConfirmation: 'Password1!', totpCode: '000000' })).fieldErrors[0].code).toBe('PASSWORD_TOO_COMMON');
    expect(await view(member.token)).not.toBeNull(); // nothing was used up
  });

  it('enrols once (the link is used up, audited), a newer link voids the older, and a link lasts 24 hours', async () => {
    const member = await staffWithLink(server);
    const older = member.token;
    const newer = await server.app.deps.orm.em.fork().transactional((em) =>
      issueEnrolmentLink(em, server.config, { staffId: member.id, createdBy: null, now: server.clock.now() }),
    );
    const newerToken = new URL(newer.url).searchParams.get('token')!;
    expect(newer.url.startsWith('http://portal.test/staff/enrol?token=')).toBe(true);
    expect(await view(older)).toBeNull();
    const secret = (await view(newerToken)).totpSecret;
    const input = { token: newerToken, password: STAFF_PASSWORD, passwordConfirmation: STAFF_PASSWORD, totpCode: totpCode(secret, server.clock.now()) };
    expect(await enrol(input)).toEqual({ __typename: 'StaffEnrolled', loginId: member.loginId, secondFactors: ['TOTP'] });
    expect(await enrol(input)).toMatchObject({ __typename: 'InvalidLinkError', code: 'STAFF_LINK_INVALID' });
    expect(await view(newerToken)).toBeNull();
    expect((await auditEvents(server, 'STAFF_ENROLLED')).at(-1)).toMatchObject({ staff_id: member.id, details: { methods: ['TOTP'] } });

    // parallel uses of one link: exactly one enrols
    const raced = await staffWithLink(server);
    const racedSecret = (await view(raced.token)).totpSecret;
    const racedInput = { token: raced.token, password: STAFF_PASSWORD, passwordConfirmation: STAFF_PASSWORD, totpCode: totpCode(racedSecret, server.clock.now()) };
    const outcomes = await Promise.all([1, 2, 3].map(() => enrol(racedInput)));
    expect(outcomes.map((o) => o.__typename).sort()).toEqual(['InvalidLinkError', 'InvalidLinkError', 'StaffEnrolled']);

    const late = await staffWithLink(server);
    server.clock.advance(24 * 3600 - 1);
    expect(await view(late.token)).not.toBeNull();
    server.clock.advance(1);
    expect(await view(late.token)).toBeNull();
  });
});

describe('passkeys (software authenticator: ES256, none attestation, user verification)', () => {
  const REGISTRATION_OPTIONS = 'mutation ($token: String!) { staffPasskeyRegistrationOptions(token: $token) }';
  const PASSKEY_OPTIONS = 'mutation ($id: String!) { staffPasskeyOptions(challengeId: $id) }';
  const VERIFY_PASSKEY = `mutation ($input: StaffPasskeyInput!) { staffVerifyPasskey(input: $input) {
    __typename ... on StaffLoginSuccess { token staff { loginId secondFactors } } ... on ErrorResult { code } } }`;

  async function passkeyMember() {
    const member = await staffWithLink(server, { roles: ['SUPERVISOR'] });
    const authenticator = new SoftwareAuthenticator('http://portal.test');
    const options = (await server.staffGql(REGISTRATION_OPTIONS, { token: member.token })).data.staffPasskeyRegistrationOptions;
    expect(JSON.parse(options)).toMatchObject({ rp: { id: 'portal.test' }, authenticatorSelection: { userVerification: 'required' } });
    return { member, authenticator, options };
  }

  async function loginStep(loginId: string) {
    const first = (await server.staffGql(STAFF_LOGIN, { input: { loginId, password: STAFF_PASSWORD } })).data.staffLogin;
    expect(first).toMatchObject({ __typename: 'StaffSecondFactorRequired', methods: ['PASSKEY'] });
    const options = (await server.staffGql(PASSKEY_OPTIONS, { id: first.challengeId })).data.staffPasskeyOptions;
    expect(JSON.parse(options)).toMatchObject({ rpId: 'portal.test', userVerification: 'required' });
    return { challengeId: first.challengeId as string, options: options as string };
  }

  it('enrols a passkey instead of TOTP and logs in with it end to end; the signature counter moves on', async () => {
    const { member, authenticator, options } = await passkeyMember();
    const enrolled = await enrol({ token: member.token, password: STAFF_PASSWORD, passwordConfirmation: STAFF_PASSWORD, passkeyResponse: authenticator.register(options) });
    expect(enrolled).toEqual({ __typename: 'StaffEnrolled', loginId: member.loginId, secondFactors: ['PASSKEY'] });

    const step = await loginStep(member.loginId);
    const ok = (await server.staffGql(VERIFY_PASSKEY, { input: { challengeId: step.challengeId, response: authenticator.assert(step.options) } })).data.staffVerifyPasskey;
    expect(ok).toMatchObject({ __typename: 'StaffLoginSuccess', staff: { loginId: member.loginId, secondFactors: ['PASSKEY'] } });
    expect((await server.staffGql(STAFF_ME, {}, { token: ok.token })).data.staffMe.roles).toEqual(['SUPERVISOR']);
    const { rows } = await server.db.query('select counter, last_used_at from staff_passkey where staff_id = $1', [member.id]);
    expect(Number(rows[0].counter)).toBe(1);
    expect((await auditEvents(server, 'STAFF_LOGIN_SUCCEEDED')).at(-1)).toMatchObject({ staff_id: member.id, details: { method: 'PASSKEY' } });
  });

  it('refuses an assertion without user verification, from another origin, or replayed; and a registration without user verification', async () => {
    const { member, authenticator, options } = await passkeyMember();
    const unverified = await enrol({ token: member.token, password: STAFF_PASSWORD, passwordConfirmation: STAFF_PASSWORD, passkeyResponse: authenticator.register(options, { userVerified: false }) });
    expect(unverified.fieldErrors).toMatchObject([{ field: 'passkeyResponse', code: 'STAFF_PASSKEY_INVALID' }]);
    expect((await enrol({ token: member.token, password: STAFF_PASSWORD, passwordConfirmation: STAFF_PASSWORD, passkeyResponse: authenticator.register(options) })).__typename).toBe('StaffEnrolled');

    const step = await loginStep(member.loginId);
    const attempt = async (response: string) =>
      (await server.staffGql(VERIFY_PASSKEY, { input: { challengeId: step.challengeId, response } })).data.staffVerifyPasskey;
    expect(await attempt(authenticator.assert(step.options, { userVerified: false }))).toMatchObject({ code: 'STAFF_SECOND_FACTOR_FAILED' });
    expect(await attempt(authenticator.assert(step.options, { origin: 'https://portal.example.evil' }))).toMatchObject({ code: 'STAFF_SECOND_FACTOR_FAILED' });
    expect(await attempt('{"not":"an assertion"}')).toMatchObject({ code: 'STAFF_SECOND_FACTOR_FAILED' });
    const good = authenticator.assert(step.options);
    expect((await attempt(good)).__typename).toBe('StaffLoginSuccess');
    // the same assertion on a new login step: its challenge is another one
    const next = await loginStep(member.loginId);
    const replay = (await server.staffGql(VERIFY_PASSKEY, { input: { challengeId: next.challengeId, response: good } })).data.staffVerifyPasskey;
    expect(replay).toMatchObject({ code: 'STAFF_SECOND_FACTOR_FAILED' });
    expect((await server.db.query('select failed_second_factor_count from staff_member where id = $1', [member.id])).rows[0].failed_second_factor_count).toBe(1);
  });

  it('staffPasskeyOptions and staffPasskeyRegistrationOptions answer BAD_REQUEST without an open step or link', async () => {
    const noStep = await server.staffGql(PASSKEY_OPTIONS, { id: 'nothing' });
    expect(noStep.errors?.[0].extensions).toMatchObject({ code: 'BAD_REQUEST', reason: 'STAFF_LOGIN_EXPIRED' });
    const noLink = await server.staffGql(REGISTRATION_OPTIONS, { token: 'nothing' }, { lang: 'en' });
    expect(noLink.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST', reason: 'STAFF_LINK_INVALID' } });
    expect(noLink.errors?.[0].message).toMatch(/^This enrolment link is not valid/);
  });
});
