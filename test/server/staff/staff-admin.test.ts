import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailHalves, outboxFor } from '../../support/mail-helpers.js';
import {
  ENROL_STAFF, STAFF_LOGIN, STAFF_ME, STAFF_PASSWORD, auditEvents, enrolWithTotp, enrolledStaff, staffLoginToken, uniqueLoginId,
} from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof enrolledStaff>>;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await enrolledStaff(server, { roles: ['STAFF_ADMIN'], bureau: 'NAGOYA' });
  adminToken = await staffLoginToken(server, admin);
});
afterAll(async () => server?.stop());

const RESULT = `__typename
  ... on StaffMemberSaved { staff { id loginId name bureau roles status secondFactors enrolledAt } }
  ... on ErrorResult { code message }
  ... on InputValidationError { fieldErrors { field code } }`;
const CREATE = `mutation ($input: StaffMemberInput!) { createStaffMember(input: $input) { ${RESULT} } }`;
const SET_ROLES = `mutation ($input: StaffRolesInput!) { setStaffRoles(input: $input) { ${RESULT} } }`;
const DISABLE = `mutation ($id: ID!) { disableStaffMember(id: $id) { ${RESULT} } }`;
const RESET = `mutation ($id: ID!) { resetStaffSecondFactor(id: $id) { ${RESULT} } }`;

const asAdmin = async (query: string, variables: Record<string, unknown>, field: string) =>
  (await server.staffGql(query, variables, { token: adminToken })).data?.[field];

/** The enrolment link's token from the last STAFF_ENROLMENT mail to `loginId`. */
async function mailedToken(loginId: string): Promise<string> {
  const mail = (await outboxFor(server.db, loginId)).filter((m) => m.kind === 'STAFF_ENROLMENT').at(-1);
  const url = /http:\/\/portal\.test\/staff\/enrol\?token=[\w%-]+/.exec(mail!.body)![0];
  return new URL(url).searchParams.get('token')!;
}

describe('createStaffMember', () => {
  it('creates the member and mails the enrolment link (ja then en) through the outbox; audited with the values', async () => {
    const loginId = uniqueLoginId('new');
    const saved = await asAdmin(CREATE, { input: { loginId: loginId.toUpperCase(), name: '出入国　花子', bureau: 'naha', roles: ['COUNTER_CLERK', 'AUDITOR'] } }, 'createStaffMember');
    expect(saved.staff).toMatchObject({ loginId, name: '出入国 花子', bureau: 'NAHA', roles: ['COUNTER_CLERK', 'AUDITOR'], status: 'ACTIVE', secondFactors: [], enrolledAt: null });
    const [mail] = await outboxFor(server.db, loginId);
    expect(mail).toMatchObject({ kind: 'STAFF_ENROLMENT', user_id: null });
    expect(mail.subject).toBe('【在留申請オンラインシステム】職員用アカウント登録のお知らせ / Enrol your staff account');
    const { ja, en } = mailHalves(mail.body);
    expect(ja).toContain('職員管理者が、ログインID');
    expect(en).toContain('A staff administrator created a staff account');
    expect(mail.body).not.toMatch(/COUNTER_CLERK|AUDITOR/);
    // the mailed link enrols
    await enrolWithTotp(server, await mailedToken(loginId));
    expect((await auditEvents(server, 'STAFF_MEMBER_CREATED')).at(-1)).toMatchObject({
      staff_id: admin.id,
      bureau: 'NAGOYA',
      target: saved.staff.id,
      details: { after: { loginId, name: '出入国 花子', bureau: 'NAHA', roles: ['COUNTER_CLERK', 'AUDITOR'] } },
    });
  });

  it('refuses a taken login ID (whatever its case) and every invalid field at once', async () => {
    const taken = await asAdmin(CREATE, { input: { loginId: admin.loginId.toUpperCase(), name: 'A', bureau: 'TOKYO', roles: ['AUDITOR'] } }, 'createStaffMember');
    expect(taken).toMatchObject({ __typename: 'InputValidationError', fieldErrors: [{ field: 'loginId', code: 'STAFF_LOGIN_ID_TAKEN' }] });
    const bad = await asAdmin(CREATE, { input: { loginId: 'not-an-address', name: '', bureau: 'KYOTO', roles: ['ROOT'] } }, 'createStaffMember');
    expect(bad.fieldErrors).toEqual([
      { field: 'loginId', code: 'WZBAM005E' },
      { field: 'name', code: 'WZBAM001E' },
      { field: 'bureau', code: 'WZBAM005E' },
      { field: 'roles', code: 'WZBAM005E' },
    ]);
    expect((await asAdmin(CREATE, { input: {} }, 'createStaffMember')).fieldErrors.map((f: { code: string }) => f.code)).toEqual(['WZBAM001E', 'WZBAM001E', 'WZBAM001E', 'WZBAM001E']);
  });

  it('lists the members for a STAFF_ADMIN', async () => {
    const list = (await server.staffGql('{ staffMembers { loginId roles } }', {}, { token: adminToken })).data.staffMembers;
    expect(list).toEqual(expect.arrayContaining([{ loginId: admin.loginId, roles: ['STAFF_ADMIN'] }]));
  });
});

describe('changes to another member', () => {
  it('setStaffRoles: never one\'s own; another member\'s roles change from their next request on (audited before/after)', async () => {
    expect(await asAdmin(SET_ROLES, { input: { id: admin.id, roles: ['STAFF_ADMIN', 'SUPERVISOR'] } }, 'setStaffRoles')).toMatchObject({ __typename: 'SelfActionError', code: 'SELF_ACTION' });
    const clerk = await enrolledStaff(server, { roles: ['COUNTER_CLERK'] });
    const clerkToken = await staffLoginToken(server, clerk);
    expect((await server.staffGql('{ staffMembers { id } }', {}, { token: clerkToken })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const saved = await asAdmin(SET_ROLES, { input: { id: clerk.id, roles: ['STAFF_ADMIN'] } }, 'setStaffRoles');
    expect(saved.staff.roles).toEqual(['STAFF_ADMIN']);
    expect((await server.staffGql('{ staffMembers { id } }', {}, { token: clerkToken })).errors).toBeUndefined();
    expect((await auditEvents(server, 'STAFF_ROLES_SET')).at(-1)).toMatchObject({ target: clerk.id, details: { before: { roles: ['COUNTER_CLERK'] }, after: { roles: ['STAFF_ADMIN'] } } });
    // the promoted member cannot take roles back from… themselves either
    const selfGrant = await server.staffGql(SET_ROLES, { input: { id: clerk.id, roles: ['STAFF_ADMIN', 'AUDITOR'] } }, { token: clerkToken });
    expect(selfGrant.data.setStaffRoles.code).toBe('SELF_ACTION');
    expect(await asAdmin(SET_ROLES, { input: { id: '00000000-0000-4000-8000-000000000000', roles: ['AUDITOR'] } }, 'setStaffRoles')).toMatchObject({ code: 'STAFF_NOT_FOUND' });
    expect((await asAdmin(SET_ROLES, { input: { id: clerk.id, roles: [] } }, 'setStaffRoles')).fieldErrors).toEqual([{ field: 'roles', code: 'WZBAM001E' }]);
  });

  it('disableStaffMember: their session ends at once, login is refused; not twice, not oneself', async () => {
    const member = await enrolledStaff(server, { roles: ['SUPERVISOR'] });
    const token = await staffLoginToken(server, member);
    expect((await asAdmin(DISABLE, { id: member.id }, 'disableStaffMember')).staff.status).toBe('DISABLED');
    expect((await server.staffGql(STAFF_ME, {}, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const again = await server.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: STAFF_PASSWORD } });
    expect(again.data.staffLogin.code).toBe('STAFF_LOGIN_FAILED');
    expect(await asAdmin(DISABLE, { id: member.id }, 'disableStaffMember')).toMatchObject({ __typename: 'InvalidStateError', code: 'INVALID_STATE' });
    expect(await asAdmin(DISABLE, { id: admin.id }, 'disableStaffMember')).toMatchObject({ code: 'SELF_ACTION' });
    expect((await auditEvents(server, 'STAFF_MEMBER_DISABLED')).at(-1)).toMatchObject({ target: member.id, details: { sessionsEnded: 1 } });
  });

  it('resetStaffSecondFactor: the old factor and password stop working, sessions end, a new link is mailed and re-enrols', async () => {
    const member = await enrolledStaff(server, { roles: ['NOTICE_EDITOR'] });
    const token = await staffLoginToken(server, member);
    expect(await asAdmin(RESET, { id: admin.id }, 'resetStaffSecondFactor')).toMatchObject({ code: 'SELF_ACTION' });
    const reset = await asAdmin(RESET, { id: member.id }, 'resetStaffSecondFactor');
    expect(reset.staff).toMatchObject({ secondFactors: [], enrolledAt: null });
    expect((await server.staffGql(STAFF_ME, {}, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: STAFF_PASSWORD } })).data.staffLogin.code).toBe('STAFF_LOGIN_FAILED');
    const mail = (await outboxFor(server.db, member.loginId)).at(-1)!;
    expect(mail.subject).toContain('職員用アカウントの再登録のお知らせ / Re-enrol your staff account');
    const secret = await enrolWithTotp(server, await mailedToken(member.loginId));
    expect(secret).not.toBe(member.secret);
    server.clock.advance(30);
    expect(await staffLoginToken(server, { loginId: member.loginId, secret })).toMatch(/^stf_/);
    expect((await auditEvents(server, 'STAFF_SECOND_FACTOR_RESET')).at(-1)).toMatchObject({ staff_id: admin.id, target: member.id, details: { sessionsEnded: 1 } });
    // the old link of the mail before is dead
    expect((await server.staffGql(ENROL_STAFF, { input: { token: 'x' } })).data.enrolStaff.__typename).toBe('InvalidLinkError');
  });
});
