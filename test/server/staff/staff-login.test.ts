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
