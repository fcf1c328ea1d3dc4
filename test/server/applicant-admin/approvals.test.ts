import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, LOGIN, ME, PASSWORD, loginToken } from '../../support/fixtures.js';
import { login } from '../../support/auth-helpers.js';
import { mailHalves, outboxOfUser } from '../../support/mail-helpers.js';
import { auditEvents, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { eraseDeletedAccounts, expireApprovalRequests } from '../../../server/src/modules/applicant-admin/applicant-housekeeping.js';

/** Dual control (docs/spec/staff.md "Approvals"): deletion and e-mail correction, decided by another SUPERVISOR. */

let server: TestServer;
let clerk: Awaited<ReturnType<typeof enrolledStaff>>;
let clerkToken: string;
let supervisor: Awaited<ReturnType<typeof enrolledStaff>>;
let supervisorToken: string;
let supervisor2Token: string;
let auditorToken: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await enrolledStaff(server, { roles: ['COUNTER_CLERK'], name: '窓口 一郎' });
  clerkToken = await staffLoginToken(server, clerk);
  supervisor = await enrolledStaff(server, { roles: ['SUPERVISOR'], bureau: 'SENDAI' });
  supervisorToken = await staffLoginToken(server, supervisor);
  supervisor2Token = await staffLoginToken(server, await enrolledStaff(server, { roles: ['SUPERVISOR'] }));
  auditorToken = await staffLoginToken(server, await enrolledStaff(server, { roles: ['AUDITOR'] }));
});
afterAll(async () => server?.stop());

const REQUEST_FIELDS = 'id kind state authId requestedBy { id name bureau } requestedAt reason receptionNumber decidedBy { id name } decidedAt decisionReason expiresAt newEmail';
const REQUEST_RESULT = `__typename ... on ApprovalRequested { request { ${REQUEST_FIELDS} } } ... on ErrorResult { code message } ... on InputValidationError { fieldErrors { field code } }`;
const DELETION = `mutation ($input: ApplicantActionInput!) { requestApplicantDeletion(input: $input) { ${REQUEST_RESULT} } }`;
const CORRECTION = `mutation ($input: EmailCorrectionInput!) { requestEmailCorrection(input: $input) { ${REQUEST_RESULT} } }`;
const DECIDE = `mutation ($input: ApprovalDecisionInput!) { decideApprovalRequest(input: $input) { __typename
  ... on ApprovalDecided { request { ${REQUEST_FIELDS} } } ... on ErrorResult { code message } ... on InputValidationError { fieldErrors { field code } } } }`;
const LIST = `query ($state: ApprovalState) { approvalRequests(state: $state) { ${REQUEST_FIELDS} } }`;

const reasons = { reason: '本人から抹消の申出（別記様式）', receptionNumber: 'U-77' };
async function call(query: string, input: Record<string, unknown>, token: string, field: string) {
  const res = await server.staffGql(query, { input }, { token });
  return res.errors ? { errors: res.errors } : res.data[field];
}
const requestDeletion = (authId: string, token = clerkToken) => call(DELETION, { authId, ...reasons }, token, 'requestApplicantDeletion');
const decide = (requestId: string, approve: boolean, token = supervisor2Token, reason = '書類確認済み') =>
  call(DECIDE, { requestId, approve, reason }, token, 'decideApprovalRequest');

describe('requestApplicantDeletion + decideApprovalRequest', () => {
  it('creates a PENDING request for 7 days; approval by another supervisor deletes: WZBAM156E, sessions end, mail, audited', async () => {
    const user = await activeUser(server);
    const token = await loginToken(server, user.authId);
    const requested = await requestDeletion(user.authId.toUpperCase());
    expect(requested.__typename).toBe('ApprovalRequested');
    const request = requested.request;
    expect(request).toMatchObject({
      kind: 'DELETION', state: 'PENDING', authId: user.authId, requestedBy: { id: clerk.id, name: '窓口 一郎', bureau: 'TOKYO' }, reason: reasons.reason,
      receptionNumber: 'U-77', decidedBy: null, newEmail: null,
    });
    expect(new Date(request.expiresAt).getTime() - new Date(request.requestedAt).getTime()).toBe(7 * 86_400_000);
    // nothing happened yet
    expect((await server.gql(ME, {}, { token })).data.me.authId).toBe(user.authId);
    expect((await auditEvents(server, 'APPLICANT_DELETION_REQUESTED')).at(-1)).toMatchObject({ staff_id: clerk.id, target: user.authId, details: { requestId: request.id } });
    expect((await server.staffGql(LIST, { state: 'PENDING' }, { token: supervisorToken })).data.approvalRequests.map((r: any) => r.id)).toContain(request.id);

    const decided = await decide(request.id, true);
    expect(decided.__typename).toBe('ApprovalDecided');
    expect(decided.request).toMatchObject({ state: 'APPROVED', decisionReason: '書類確認済み', decidedBy: { id: expect.any(String) } });
    expect((await server.gql(ME, {}, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } });
    expect(refused.data.login).toMatchObject({ __typename: 'AccountUnavailableError', code: 'WZBAM156E' });
    const [mail] = await outboxOfUser(server.db, user.userId, 'ACCOUNT_DELETED');
    expect(mailHalves(mail.body).ja).toContain('利用者登録を抹消しました');
    expect(mailHalves(mail.body).en).toContain('has been deleted');
    const event = (await auditEvents(server, 'APPROVAL_REQUEST_APPROVED')).at(-1)!;
    expect(event).toMatchObject({ target: user.authId, reason: '書類確認済み', details: { requestId: request.id, kind: 'DELETION', requestedBy: clerk.id, before: { status: 'ACTIVE' }, after: { status: 'DELETED' } } });
    // decided once
    expect(await decide(request.id, true)).toMatchObject({ __typename: 'InvalidStateError' });
    expect(await requestDeletion(user.authId)).toMatchObject({ __typename: 'InvalidStateError' });
  });

  it('no one decides their own request (SELF_APPROVAL), even a supervisor; rejection changes nothing', async () => {
    const user = await activeUser(server);
    const { request } = await requestDeletion(user.authId, supervisorToken);
    expect(await decide(request.id, true, supervisorToken)).toMatchObject({ __typename: 'SelfApprovalError', code: 'SELF_APPROVAL' });
    const rejected = await decide(request.id, false, supervisor2Token, '本人確認できず');
    expect(rejected.request).toMatchObject({ state: 'REJECTED', decisionReason: '本人確認できず' });
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    expect((await auditEvents(server, 'APPROVAL_REQUEST_REJECTED')).at(-1)).toMatchObject({ target: user.authId, details: { approved: false } });
    expect(await outboxOfUser(server.db, user.userId, 'ACCOUNT_DELETED')).toEqual([]);
  });

  it('one open request of a kind per account; unknown request ids; the decision needs approve and a reason', async () => {
    const user = await activeUser(server);
    const { request } = await requestDeletion(user.authId);
    expect(await requestDeletion(user.authId)).toMatchObject({ __typename: 'InvalidStateError' });
    expect(await requestDeletion('nosuchid77')).toMatchObject({ __typename: 'ApplicantNotFoundError' });
    expect(await decide('00000000-0000-4000-8000-000000000000', true)).toMatchObject({ __typename: 'ApprovalRequestNotFoundError', code: 'APPROVAL_REQUEST_NOT_FOUND' });
    expect(await decide('not-an-id', true)).toMatchObject({ __typename: 'ApprovalRequestNotFoundError' });
    const invalid = await call(DECIDE, { requestId: request.id, reason: '' }, supervisor2Token, 'decideApprovalRequest');
    expect(invalid.fieldErrors).toEqual([{ field: 'approve', code: 'WZBAM001E' }, { field: 'reason', code: 'WZBAM001E' }]);
    expect((await call(DELETION, { authId: user.authId }, clerkToken, 'requestApplicantDeletion')).fieldErrors).toEqual([{ field: 'reason', code: 'WZBAM001E' }]);
  });

  it('role boundaries: a clerk and an auditor cannot decide or list; an auditor cannot request', async () => {
    const user = await activeUser(server);
    const { request } = await requestDeletion(user.authId);
    expect((await decide(request.id, true, clerkToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await decide(request.id, true, auditorToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await requestDeletion(user.authId, auditorToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.staffGql(LIST, {}, { token: clerkToken })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('races', () => {
  it('parallel requests for one account make one request; parallel decisions decide it once', async () => {
    const user = await activeUser(server);
    const requests = await Promise.all(Array.from({ length: 4 }, () => requestDeletion(user.authId)));
    expect(requests.map((r) => r.__typename).sort()).toEqual(['ApprovalRequested', 'InvalidStateError', 'InvalidStateError', 'InvalidStateError']);
    const { request } = requests.find((r) => r.__typename === 'ApprovalRequested');
    const decisions = await Promise.all([decide(request.id, true), decide(request.id, false), decide(request.id, true)]);
    expect(decisions.filter((d) => d.__typename === 'ApprovalDecided')).toHaveLength(1);
    expect(decisions.filter((d) => d.__typename === 'InvalidStateError')).toHaveLength(2);
    const decided = (await auditEvents(server)).filter((e) => e.details?.requestId === request.id && e.action.startsWith('APPROVAL_REQUEST_'));
    expect(decided).toHaveLength(1);
  });
});

describe('requestEmailCorrection', () => {
  it('approval changes the address and mails the old and the new address, as the applicant change does', async () => {
    const user = await activeUser(server);
    const newEmail = `corrected${process.pid}@example.jp`;
    const requested = await call(CORRECTION, { authId: user.authId, newEmail: `  ${newEmail} `, ...reasons }, clerkToken, 'requestEmailCorrection');
    expect(requested.request).toMatchObject({ kind: 'EMAIL_CORRECTION', state: 'PENDING', newEmail });
    expect((await auditEvents(server, 'APPLICANT_EMAIL_CORRECTION_REQUESTED')).at(-1)!.details.newEmail).toBe('c***@example.jp');
    const decided = await decide(requested.request.id, true);
    expect(decided.request.state).toBe('APPROVED');
    const { rows } = await server.db.query('select email from user_account where id = $1', [user.userId]);
    expect(rows[0].email).toBe(newEmail);
    const mails = await outboxOfUser(server.db, user.userId);
    expect(mails.find((m) => m.kind === 'EMAIL_CHANGED_NEW')?.recipient).toBe(newEmail);
    expect(mails.find((m) => m.kind === 'EMAIL_CHANGED_OLD')?.recipient).toBe(user.email);
    expect((await auditEvents(server, 'APPROVAL_REQUEST_APPROVED')).at(-1)!.details).toMatchObject({ kind: 'EMAIL_CORRECTION', after: { email: 'c***@example.jp' } });
  });

  it('checks the new address as registration does; the same address is INVALID_STATE', async () => {
    const user = await activeUser(server);
    const bad = await call(CORRECTION, { authId: user.authId, newEmail: '"><svg>@x.jp', ...reasons }, clerkToken, 'requestEmailCorrection');
    expect(bad.fieldErrors).toEqual([{ field: 'newEmail', code: 'WZBAM005E' }]);
    const missing = await call(CORRECTION, { authId: user.authId, reason: 'x' }, clerkToken, 'requestEmailCorrection');
    expect(missing.fieldErrors).toEqual([{ field: 'newEmail', code: 'WZBAM001E' }]);
    expect(await call(CORRECTION, { authId: user.authId, newEmail: user.email.toUpperCase(), ...reasons }, clerkToken, 'requestEmailCorrection')).toMatchObject({ __typename: 'InvalidStateError' });
  });
});

describe('expiry and erasure (injected clock)', () => {
  const deps = () => ({ orm: server.app.deps.orm, config: server.config, clock: server.clock });
  /** A supervisor logged in now (staff sessions end after 15 idle minutes: the clock jumps days here). */
  const freshSupervisor = async () => staffLoginToken(server, await enrolledStaff(server, { roles: ['SUPERVISOR'] }));

  it('a pending request reads EXPIRED after 7 days, cannot be decided, and the job marks it (audited)', async () => {
    const user = await activeUser(server);
    const { request } = await requestDeletion(user.authId);
    const saved = server.clock.now();
    try {
      server.clock.advance(7 * 86_400 - 120);
      const supervisorNow = await freshSupervisor(); // logging in moves the clock on by a minute
      expect((await server.staffGql(LIST, { state: 'PENDING' }, { token: supervisorNow })).data.approvalRequests.map((r: any) => r.id)).toContain(request.id);
      server.clock.set(new Date(new Date(request.expiresAt).getTime()));
      const list = (await server.staffGql(LIST, { state: 'EXPIRED' }, { token: supervisorNow })).data.approvalRequests;
      expect(list.find((r: any) => r.id === request.id)?.state).toBe('EXPIRED');
      expect(await decide(request.id, true, supervisorNow)).toMatchObject({ __typename: 'InvalidStateError' });
      expect(await expireApprovalRequests(deps())).toBeGreaterThanOrEqual(1);
      const { rows } = await server.db.query('select state from approval_request where id = $1', [request.id]);
      expect(rows[0].state).toBe('EXPIRED');
      expect((await auditEvents(server, 'APPROVAL_REQUEST_EXPIRED')).map((e) => e.details.requestId)).toContain(request.id);
      // a new request may be made
      expect((await requestDeletion(user.authId, supervisorNow)).__typename).toBe('ApprovalRequested');
    } finally {
      server.clock.set(saved);
    }
  });

  it('erases a deleted account\'s personal data after DELETED_RETENTION_DAYS (365), keeping the 認証ID', async () => {
    const user = await activeUser(server);
    const { request } = await requestDeletion(user.authId);
    await decide(request.id, true);
    const saved = server.clock.now();
    try {
      server.clock.advance(364 * 86_400);
      await eraseDeletedAccounts(deps());
      expect((await server.db.query('select erased_at from user_account where id = $1', [user.userId])).rows[0].erased_at).toBeNull();
      server.clock.advance(86_400);
      expect(await eraseDeletedAccounts(deps())).toBeGreaterThanOrEqual(1);
      const { rows } = await server.db.query(
        'select auth_id, name, sex, birth_date, residence_code, residence_address, phone, email, password_hash, status, erased_at from user_account where id = $1',
        [user.userId],
      );
      expect(rows[0]).toMatchObject({ auth_id: user.authId, name: '', sex: null, birth_date: null, residence_code: null, residence_address: '', phone: '', email: '', password_hash: null, status: 'DELETED' });
      expect(rows[0].erased_at).not.toBeNull();
      const mails = await outboxOfUser(server.db, user.userId);
      expect(mails.length).toBeGreaterThan(0);
      expect(mails.every((m) => m.recipient === '' && m.body === '')).toBe(true);
      expect((await auditEvents(server, 'APPLICANT_DATA_ERASED')).filter((e) => e.target === user.authId)).toEqual([expect.objectContaining({ staff_id: null })]);
      // the staff still see the account by its 認証ID
      const detail = await server.staffGql(`query ($a: String!) { applicant(authId: $a) { authId status name birthDate erasedAt recentMails { to } } }`, { a: user.authId }, { token: await freshSupervisor() });
      expect(detail.data.applicant).toMatchObject({ authId: user.authId, status: 'DELETED', name: '', birthDate: null });
      expect(detail.data.applicant.erasedAt).not.toBeNull();
      // once only
      expect(await eraseDeletedAccounts(deps())).toBe(0);
    } finally {
      server.clock.set(saved);
    }
  });
});
