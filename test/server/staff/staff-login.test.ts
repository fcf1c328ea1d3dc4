import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { RFC6238_SHA1_SECRET, totpCode } from '../../support/totp.js';
import { STAFF_LOGIN, STAFF_ME, STAFF_VERIFY_TOTP, auditEvents, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe('the test authenticator', () => {
  it('computes RFC 6238 appendix B (SHA-1, T = 59 s → 94287082, 8 digits; the 6-digit form is its last six)', () => {
    expect(totpCode(RFC6238_SHA1_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC6238_SHA1_SECRET, new Date(1111111109_000))).toBe('081804');
  });
});

describe('staff login: password, then TOTP', () => {
  it('logs in with both steps and staffMe answers with the member', async () => {
    const member = await enrolledStaff(server, { roles: ['SUPERVISOR'], bureau: 'OSAKA' });
    const token = await staffLoginToken(server, member);
    expect(token.startsWith('stf_')).toBe(true);
    const me = await server.staffGql(STAFF_ME, {}, { token });
    expect(me.data.staffMe).toMatchObject({ loginId: member.loginId, bureau: 'OSAKA', roles: ['SUPERVISOR'], status: 'ACTIVE', secondFactors: ['TOTP'] });
    const actions = (await auditEvents(server)).filter((e) => e.target === member.id).map((e) => e.action);
    expect(actions).toEqual(['STAFF_ENROLLED', 'STAFF_LOGIN_PASSWORD_ACCEPTED', 'STAFF_LOGIN_SUCCEEDED']);
  });
});

const login = async (loginId: string | null, password: string | null, opts = {}) =>
  (await server.staffGql(STAFF_LOGIN, { input: { loginId, password } }, opts)).data?.staffLogin;
const verify = async (challengeId: string, code: string, opts = {}) =>
  (await server.staffGql(STAFF_VERIFY_TOTP, { input: { challengeId, code } }, opts)).data?.staffVerifyTotp;

describe('the password step', () => {
  it('answers an unknown login ID and a wrong password alike (and audits why), every invalid field at once in ja and en', async () => {
    const member = await enrolledStaff(server);
    const unknown = await login('nobody@immi.example.go.jp', 'Wrong1#pass');
    const wrong = await login(member.loginId, 'Wrong1#pass');
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'STAFF_LOGIN_FAILED', message: 'ログインID又はパスワードに誤りがあります。' });
    const failed = (await auditEvents(server, 'STAFF_LOGIN_FAILED')).slice(-2);
    expect(failed.map((e) => e.details.reason)).toEqual(['unknown-login-id', 'wrong-password']);
    expect(failed[1]).toMatchObject({ staff_id: member.id, bureau: 'TOKYO', ip: '127.0.0.1' });
    expect(failed[1].request_id).toMatch(/^[0-9a-f]{12}$/);

    const empty = await server.staffGql(STAFF_LOGIN, { input: {} }, { lang: 'en' });
    expect(empty.data.staffLogin.__typename).toBe('InputValidationError');
    expect(empty.data.staffLogin.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['loginId', 'password']);
    expect(empty.data.staffLogin.message).toBe('Please fill in the items marked "!".');
  });

  // As test/server/auth/timing.test.ts does for applicants: interleaved pairs, the median of the paired differences
  // (robust on a busy machine); after the fifth failure the member is locked and the wrong passwords take the locked
  // branch, which runs the same statements too.
  it('takes as long for an unknown login ID as for a wrong password (median of 40 paired differences within 3 ms)', { retry: 2, timeout: 120_000 }, async () => {
    const member = await enrolledStaff(server);
    const time = async (loginId: string) => {
      const started = performance.now();
      expect((await login(loginId, 'Wrong1#pass')).code).toBe('STAFF_LOGIN_FAILED');
      return performance.now() - started;
    };
    const diffs: number[] = [];
    for (let i = 0; i < 44; i++) {
      const [unknown, wrong] = i % 2
        ? [await time(`nobody${i}@immi.example.go.jp`), await time(member.loginId)]
        : [await time(member.loginId), await time(`nobody${i}@immi.example.go.jp`)].reverse();
      if (i >= 4) diffs.push(unknown - wrong);
    }
    const median = [...diffs].sort((a, b) => a - b)[Math.floor(diffs.length / 2)];
    expect(Math.abs(median), `median paired difference ${median.toFixed(2)} ms`).toBeLessThan(3);
  });

  it('locks after 5 wrong passwords for 30 minutes; the lock is shown only to the right password, then lifts', async () => {
    const member = await enrolledStaff(server);
    for (let i = 0; i < 5; i++) expect((await login(member.loginId, 'Wrong1#pass')).code).toBe('STAFF_LOGIN_FAILED');
    const start = server.clock.now();
    const locked = await login(member.loginId, member.password);
    expect(locked).toMatchObject({ __typename: 'AccountLockedError', code: 'STAFF_ACCOUNT_LOCKED' });
    expect(new Date(locked.lockedUntil).getTime()).toBe(start.getTime() + 30 * 60_000);
    expect((await login(member.loginId, 'Wrong1#pass')).code).toBe('STAFF_LOGIN_FAILED');
    expect((await auditEvents(server, 'STAFF_LOCKED')).at(-1)).toMatchObject({ target: member.id });
    server.clock.advance(30 * 60);
    expect((await login(member.loginId, member.password)).__typename).toBe('StaffSecondFactorRequired');
  });

  it('counts a parallel burst of wrong passwords under the row lock: one lock, never more than 5 counted', async () => {
    const member = await enrolledStaff(server);
    const answers = await Promise.all(Array.from({ length: 8 }, () => login(member.loginId, 'Wrong1#pass')));
    expect(answers.every((a) => a.code === 'STAFF_LOGIN_FAILED')).toBe(true);
    expect((await auditEvents(server, 'STAFF_LOCKED')).filter((e) => e.target === member.id)).toHaveLength(1);
    const failed = (await auditEvents(server, 'STAFF_LOGIN_FAILED')).filter((e) => e.target === member.id);
    expect(failed.map((e) => e.details.reason).sort()).toEqual([...Array(3).fill('locked'), ...Array(5).fill('wrong-password')]);
    expect((await login(member.loginId, member.password)).__typename).toBe('AccountLockedError');
  });
});

describe('the TOTP step', () => {
  it('accepts each code once, and the codes of the step before and after, but not two steps away', async () => {
    const member = await enrolledStaff(server);
    const first = await login(member.loginId, member.password);
    const code = totpCode(member.secret, server.clock.now());
    expect((await verify(first.challengeId, code)).__typename).toBe('StaffLoginSuccess');
    // the same code again, within its step: refused
    const again = await login(member.loginId, member.password);
    expect(await verify(again.challengeId, code)).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'STAFF_SECOND_FACTOR_FAILED' });
    server.clock.advance(90);
    expect((await verify(again.challengeId, totpCode(member.secret, server.clock.now(), -2))).code).toBe('STAFF_SECOND_FACTOR_FAILED');
    expect((await verify(again.challengeId, totpCode(member.secret, server.clock.now(), -1))).__typename).toBe('StaffLoginSuccess');
    server.clock.advance(30);
    const later = await login(member.loginId, member.password);
    expect((await verify(later.challengeId, totpCode(member.secret, server.clock.now(), +1))).__typename).toBe('StaffLoginSuccess');
  });

  it('forgives full-width digits and spaces; refuses a malformed code as a field error', async () => {
    const member = await enrolledStaff(server);
    const first = await login(member.loginId, member.password);
    const malformed = await verify(first.challengeId, '12a456');
    expect(malformed).toMatchObject({ __typename: 'InputValidationError', fieldErrors: [{ field: 'code', code: 'WZBAM005E' }] });
    const code = totpCode(member.secret, server.clock.now());
    const fullWidth = `${code.slice(0, 3)} ${code.slice(3)}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await verify(first.challengeId, fullWidth)).__typename).toBe('StaffLoginSuccess');
  });

  it('locks after 5 wrong codes (the challenge ends with it), and a challenge is single use and lives 5 minutes', async () => {
    const member = await enrolledStaff(server);
    const first = await login(member.loginId, member.password);
    for (let i = 0; i < 4; i++) expect((await verify(first.challengeId, '000000')).code).toBe('STAFF_SECOND_FACTOR_FAILED');
    expect(await verify(first.challengeId, '000000')).toMatchObject({ __typename: 'AccountLockedError', code: 'STAFF_ACCOUNT_LOCKED' });
    expect((await verify(first.challengeId, totpCode(member.secret, server.clock.now()))).code).toBe('STAFF_LOGIN_EXPIRED');
    expect((await login(member.loginId, member.password)).__typename).toBe('AccountLockedError');
    server.clock.advance(30 * 60);

    const second = await login(member.loginId, member.password);
    expect((await verify(second.challengeId, totpCode(member.secret, server.clock.now()))).__typename).toBe('StaffLoginSuccess');
    server.clock.advance(30);
    expect((await verify(second.challengeId, totpCode(member.secret, server.clock.now()))).code).toBe('STAFF_LOGIN_EXPIRED');

    const third = await login(member.loginId, member.password);
    server.clock.advance(5 * 60);
    expect((await verify(third.challengeId, totpCode(member.secret, server.clock.now()))).code).toBe('STAFF_LOGIN_EXPIRED');
    expect((await verify('not-a-challenge', '123456')).code).toBe('STAFF_LOGIN_EXPIRED');
  });
});

describe('staff sessions', () => {
  it('end after 15 idle minutes (SESSION_EXPIRED); activity keeps them; 12 hours end them whatever the activity', async () => {
    const member = await enrolledStaff(server);
    const token = await staffLoginToken(server, member);
    for (let i = 0; i < 3; i++) {
      server.clock.advance(14 * 60);
      expect((await server.staffGql(STAFF_ME, {}, { token })).data.staffMe.loginId).toBe(member.loginId);
    }
    server.clock.advance(15 * 60);
    expect((await server.staffGql(STAFF_ME, {}, { token })).errors?.[0].extensions?.code).toBe('SESSION_EXPIRED');

    const active = await staffLoginToken(server, member);
    for (let elapsed = 0; elapsed < 12 * 60 - 14; elapsed += 14) {
      server.clock.advance(14 * 60);
      expect((await server.staffGql(STAFF_ME, {}, { token: active })).errors, `after ${elapsed + 14} min`).toBeUndefined();
    }
    server.clock.advance(14 * 60);
    expect((await server.staffGql(STAFF_ME, {}, { token: active })).errors?.[0].extensions?.code).toBe('SESSION_EXPIRED');
  });

  it('logout ends the session (audited); a newer login ends the older one', async () => {
    const member = await enrolledStaff(server);
    const older = await staffLoginToken(server, member);
    const newer = await staffLoginToken(server, member);
    expect((await server.staffGql(STAFF_ME, {}, { token: older })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const out = await server.staffGql('mutation { staffLogout { __typename ... on LoggedOut { ok } } }', {}, { token: newer });
    expect(out.data.staffLogout).toEqual({ __typename: 'LoggedOut', ok: true });
    expect((await server.staffGql(STAFF_ME, {}, { token: newer })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await auditEvents(server, 'STAFF_LOGOUT')).at(-1)).toMatchObject({ staff_id: member.id, target: member.id });
  });

  it('answers no-store and noindex on /staff/graphql, and keeps the applicant limits (a login named twice is refused)', async () => {
    const res = await server.staffGql(STAFF_ME);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const twice = await server.staffGql(
      'mutation { a: staffLogin(input: {}) { __typename } b: staffLogin(input: {}) { __typename } }',
    );
    expect(twice.status).toBe(400);
    expect(twice.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const get = await fetch(`${server.url}/staff/graphql?query=${encodeURIComponent('{ staffMe { id } }')}`);
    expect(get.status).toBe(400); // CSRF prevention: a GET without a preflight-forcing header
  });
});

describe('limits by client address', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RATE_LIMIT_MULTIPLIER: '1', TRUSTED_PROXIES: '127.0.0.1', STAFF_ALLOWED_NETWORKS: '10.9.0.0/16, 2001:db8::/32' } });
  });
  afterAll(async () => limited?.stop());
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  it('STAFF_ALLOWED_NETWORKS: login from elsewhere is refused (and audited), every other staff field is FORBIDDEN', async () => {
    const member = await enrolledStaff(limited, from('10.9.0.1'));
    const outside = await limited.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: member.password } }, from('192.0.2.7'));
    expect(outside.data.staffLogin).toMatchObject({ __typename: 'NetworkNotAllowedError', code: 'STAFF_NETWORK_NOT_ALLOWED' });
    expect((await auditEvents(limited, 'STAFF_LOGIN_REFUSED')).at(-1)).toMatchObject({ ip: '192.0.2.7', details: { reason: 'network', loginId: member.loginId } });
    const token = await staffLoginToken(limited, member, from('10.9.3.4').headers);
    expect((await limited.staffGql(STAFF_ME, {}, { token, ...from('10.9.3.4') })).data.staffMe.loginId).toBe(member.loginId);
    const stolen = await limited.staffGql(STAFF_ME, {}, { token, ...from('198.51.100.1') });
    expect(stolen.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', reason: 'NETWORK' });
    expect((await limited.staffGql(STAFF_ME, {}, { token, ...from('2001:db8::5') })).errors).toBeUndefined();
    expect((await limited.staffGql('query { staffEnrolment(token: "x") { loginId } }', {}, from('192.0.2.7'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a client address after 10 failed staff logins (passwords and codes together) with RATE_LIMITED', async () => {
    const member = await enrolledStaff(limited, from('10.9.0.2'));
    const ip = from('10.9.200.1');
    const first = await limited.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: member.password } }, ip);
    for (let i = 0; i < 4; i++) expect((await limited.staffGql(STAFF_VERIFY_TOTP, { input: { challengeId: first.data.staffLogin.challengeId, code: '000000' } }, ip)).data.staffVerifyTotp.code).toBe('STAFF_SECOND_FACTOR_FAILED');
    for (let i = 0; i < 6; i++) expect((await limited.staffGql(STAFF_LOGIN, { input: { loginId: `x${i}@immi.example.go.jp`, password: 'Wrong1#pass' } }, ip)).data.staffLogin.code).toBe('STAFF_LOGIN_FAILED');
    const refused = await limited.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: member.password } }, ip);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // another address is not affected, and successes never counted
    expect((await limited.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: member.password } }, from('10.9.200.2'))).data.staffLogin.__typename).toBe('StaffSecondFactorRequired');
  });
});
