import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, LOGIN, ME, PASSWORD, SET_PASSWORD, loginToken, registerUser } from '../../support/fixtures.js';
import { accountRow, login } from '../../support/auth-helpers.js';
import { linkToken, mailHalves, outboxOfUser } from '../../support/mail-helpers.js';
import { auditEvents, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/** The staff actions on one applicant account (docs/spec/staff.md "Applicant accounts"), tested through both APIs. */

let server: TestServer;
let clerk: Awaited<ReturnType<typeof enrolledStaff>>;
let clerkToken: string;
let supervisor: Awaited<ReturnType<typeof enrolledStaff>>;
let supervisorToken: string;
let auditorToken: string;

beforeAll(async () => {
  server = await startTestServer();
  clerk = await enrolledStaff(server, { roles: ['COUNTER_CLERK'], bureau: 'FUKUOKA' });
  clerkToken = await staffLoginToken(server, clerk);
  supervisor = await enrolledStaff(server, { roles: ['SUPERVISOR'], bureau: 'TOKYO' });
  supervisorToken = await staffLoginToken(server, supervisor);
  auditorToken = await staffLoginToken(server, await enrolledStaff(server, { roles: ['AUDITOR'] }));
});
afterAll(async () => server?.stop());

const RESULT = `__typename
  ... on ApplicantActionDone { applicant { authId status locked lockedUntil failedLoginCount usageExpiresAt } }
  ... on ErrorResult { code message }
  ... on InputValidationError { fieldErrors { field code message } }`;
const action = (name: string, inputType = 'ApplicantActionInput') => `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${RESULT} } }`;
const RENOTIFY = `mutation ($input: RenotifyAuthIdInput!) { renotifyAuthId(input: $input) { __typename
  ... on AuthIdRenotified { mailedTo } ... on ErrorResult { code message } ... on InputValidationError { fieldErrors { field code } } } }`;

async function run(name: string, input: Record<string, unknown>, token = clerkToken, inputType?: string, lang?: string) {
  const res = await server.staffGql(action(name, inputType), { input }, { token, lang });
  if (res.errors) return { errors: res.errors };
  return res.data[name];
}
const reasons = { reason: '窓口で本人確認済み', receptionNumber: 'R-2026-0001' };

async function lockThroughLogins(authId: string) {
  for (let i = 0; i < 5; i++) await login(server, authId, 'Wrong5#Password');
}

describe('unlockApplicant', () => {
  it('releases the lock: the applicant logs in at once; a mail (ja then en), one audit event with reason and reception number', async () => {
    const user = await activeUser(server);
    await lockThroughLogins(user.authId);
    expect((await login(server, user.authId)).__typename).toBe('AccountLockedError');
    const done = await run('unlockApplicant', { authId: user.authId.toUpperCase(), ...reasons });
    expect(done).toMatchObject({ __typename: 'ApplicantActionDone', applicant: { authId: user.authId, locked: false, lockedUntil: null, failedLoginCount: 0 } });
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    const [mail] = await outboxOfUser(server.db, user.userId, 'ACCOUNT_UNLOCKED');
    expect(mail.recipient).toBe(user.email);
    const { ja, en } = mailHalves(mail.body);
    expect(ja).toContain('アカウントロックを解除しました');
    expect(en).toContain('unlocked the account');
    expect(mail.body).not.toContain(reasons.reason);
    const events = await auditEvents(server, 'APPLICANT_UNLOCKED');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ staff_id: clerk.id, bureau: 'FUKUOKA', target: user.authId, reason: reasons.reason, details: { after: { lockedUntil: null } } });
    const { rows } = await server.db.query('select reception_number from audit_event where seq = $1', [events[0].seq]);
    expect(rows[0].reception_number).toBe('R-2026-0001');
  });

  it('INVALID_STATE when the account is not locked (nothing audited, no mail); APPLICANT_NOT_FOUND for an unknown 認証ID', async () => {
    const user = await activeUser(server);
    const before = (await auditEvents(server)).length;
    expect(await run('unlockApplicant', { authId: user.authId, ...reasons })).toMatchObject({ __typename: 'InvalidStateError', code: 'INVALID_STATE' });
    expect(await run('unlockApplicant', { authId: 'nosuchid42', ...reasons })).toMatchObject({ __typename: 'ApplicantNotFoundError', code: 'APPLICANT_NOT_FOUND' });
    expect((await auditEvents(server)).length).toBe(before);
    expect(await outboxOfUser(server.db, user.userId, 'ACCOUNT_UNLOCKED')).toEqual([]);
  });

  it('InputValidationError with every field: reason required and ≤ 400, reception number ≤ 40, 認証ID (ja/en)', async () => {
    const res = await run('unlockApplicant', { authId: '', reason: ' ', receptionNumber: 'x'.repeat(41) });
    expect(res.__typename).toBe('InputValidationError');
    expect(res.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([['authId', 'WZBAM001E'], ['reason', 'WZBAM001E'], ['receptionNumber', 'WZBAM005E']]);
    const long = await run('unlockApplicant', { authId: 'abc', reason: 'あ'.repeat(401) }, clerkToken, undefined, 'en');
    expect(long.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([['authId', 'WZBAM005E'], ['reason', 'WZBAM005E']]);
    expect(long.fieldErrors[1].message).toContain('reason');
    expect((await run('unlockApplicant', { authId: 'abcdef', reason: 'あ'.repeat(400) })).__typename).toBe('ApplicantNotFoundError');
  });
});

describe('sendPasswordResetLink', () => {
  it("mails the applicant side's reset link to the registered address; the link sets a new password and unlocks", async () => {
    const user = await activeUser(server);
    await lockThroughLogins(user.authId);
    const done = await run('sendPasswordResetLink', { authId: user.authId, reason: '電話で依頼' });
    expect(done.__typename).toBe('ApplicantActionDone');
    const [mail] = await outboxOfUser(server.db, user.userId, 'PASSWORD_RESET_LINK');
    expect(mail.recipient).toBe(user.email);
    const token = linkToken(mail.body);
    const set = await server.gql(SET_PASSWORD, { input: { token, password: 'Shinjuku8%Gyoen', passwordConfirmation: 'Shinjuku8%Gyoen' } });
    expect(set.data.setPassword.__typename).toBe('PasswordSet');
    expect((await login(server, user.authId, 'Shinjuku8%Gyoen')).__typename).toBe('LoginSuccess');
    const event = (await auditEvents(server, 'APPLICANT_RESET_LINK_SENT')).at(-1)!;
    expect(event).toMatchObject({ target: user.authId, reason: '電話で依頼' });
    expect(JSON.stringify(event.details)).not.toContain(token);
  });

  it('INVALID_STATE for a suspended account', async () => {
    const user = await activeUser(server);
    await server.db.query("update user_account set status = 'SUSPENDED' where id = $1", [user.userId]);
    expect((await run('sendPasswordResetLink', { authId: user.authId, ...reasons })).__typename).toBe('InvalidStateError');
  });
});

describe('renotifyAuthId', () => {
  it('by 認証ID: mails the 認証ID to the registered address and answers the masked address only', async () => {
    const user = await activeUser(server, { email: `hanako${process.pid}@example.jp` }, PASSWORD);
    const res = (await server.staffGql(RENOTIFY, { input: { authId: user.authId, ...reasons } }, { token: clerkToken })).data.renotifyAuthId;
    expect(res).toEqual({ __typename: 'AuthIdRenotified', mailedTo: 'h***@example.jp' });
    const [mail] = await outboxOfUser(server.db, user.userId, 'AUTH_ID_RENOTICE');
    expect(mail.recipient).toBe(user.email);
    expect(mailHalves(mail.body).ja).toContain(`認証ID：${user.authId}`);
    expect(mailHalves(mail.body).en).toContain(user.authId);
    expect((await auditEvents(server, 'APPLICANT_AUTH_ID_RENOTIFIED')).at(-1)).toMatchObject({ target: user.authId, details: { foundBy: 'authId', mailedTo: 'h***@example.jp' } });
  });

  it('by name + birth date + e-mail (normalized as registration): one match is mailed; the answer holds no 認証ID', async () => {
    const email = `Kenji${process.pid}@Example.jp`;
    const user = await activeUser(server, { name: 'RENOTIFY KENJI', email, birthYear: '1970', birthMonth: '1', birthDay: '2' });
    const res = await server.staffGql(RENOTIFY, { input: { name: 'ｒｅｎｏｔｉｆｙ　kenji', birthDate: '1970-01-02', email: email.toLowerCase(), ...reasons } }, { token: clerkToken });
    expect(res.data.renotifyAuthId).toEqual({ __typename: 'AuthIdRenotified', mailedTo: 'K***@Example.jp' });
    expect(JSON.stringify(res)).not.toContain(user.authId);
    expect(await outboxOfUser(server.db, user.userId, 'AUTH_ID_RENOTICE')).toHaveLength(1);
    expect((await auditEvents(server, 'APPLICANT_AUTH_ID_RENOTIFIED')).at(-1)).toMatchObject({ target: user.authId, details: { foundBy: 'nameBirthDateEmail' } });
  });

  it('ApplicantNotFoundError when the three fields match none or more than one account, or one field differs', async () => {
    const email = `twins${process.pid}@example.jp`;
    const a = await registerUser(server, { name: 'TWIN SAME', email, birthYear: '2000', birthMonth: '3', birthDay: '3' });
    await registerUser(server, { name: 'TWIN SAME', email, birthYear: '2000', birthMonth: '3', birthDay: '3' });
    const ask = (input: Record<string, unknown>) => server.staffGql(RENOTIFY, { input: { ...input, ...reasons } }, { token: clerkToken });
    expect((await ask({ name: 'TWIN SAME', birthDate: '2000-03-03', email })).data.renotifyAuthId.__typename).toBe('ApplicantNotFoundError');
    expect((await ask({ name: 'TWIN SAM', birthDate: '2000-03-03', email })).data.renotifyAuthId.code).toBe('APPLICANT_NOT_FOUND');
    expect((await ask({ name: 'TWIN SAME', birthDate: '2000-03-04', email })).data.renotifyAuthId.code).toBe('APPLICANT_NOT_FOUND');
    expect(await outboxOfUser(server.db, a.userId, 'AUTH_ID_RENOTICE')).toEqual([]);
    const invalid = (await ask({ name: '', birthDate: '2000-13-01', email: 'x' })).data.renotifyAuthId;
    expect(invalid.fieldErrors.map((f: any) => [f.field, f.code])).toEqual([['name', 'WZBAM001E'], ['email', 'WZBAM005E'], ['birthDate', 'WZBAM005E']]);
  });
});

describe('suspendApplicant / resumeApplicant', () => {
  it('suspend: login answers WZBAM155E and the live session ends at once; resume: login works again; mails and events', async () => {
    const user = await activeUser(server);
    const token = await loginToken(server, user.authId);
    expect((await server.gql(ME, {}, { token })).data.me.authId).toBe(user.authId);
    const done = await run('suspendApplicant', { authId: user.authId, ...reasons }, supervisorToken);
    expect(done.applicant.status).toBe('SUSPENDED');
    expect((await server.gql(ME, {}, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // ended, not only refused while suspended: a resume does not bring it back
    const { rows: sessions } = await server.db.query('select revoked_reason from session where user_id = $1', [user.userId]);
    expect(sessions.map((r) => r.revoked_reason)).toEqual(['STAFF']);
    const refused = await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } });
    expect(refused.data.login).toMatchObject({ __typename: 'AccountUnavailableError', code: 'WZBAM155E' });
    expect(await run('suspendApplicant', { authId: user.authId, ...reasons }, supervisorToken)).toMatchObject({ __typename: 'InvalidStateError' });

    expect((await run('resumeApplicant', { authId: user.authId, ...reasons }, supervisorToken)).applicant.status).toBe('ACTIVE');
    expect((await server.gql(ME, {}, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
    expect(await run('resumeApplicant', { authId: user.authId, ...reasons }, supervisorToken)).toMatchObject({ __typename: 'InvalidStateError' });
    expect((await outboxOfUser(server.db, user.userId)).map((m) => m.kind)).toEqual(expect.arrayContaining(['ACCOUNT_SUSPENDED', 'ACCOUNT_RESUMED']));
    expect((await auditEvents(server, 'APPLICANT_SUSPENDED')).at(-1)).toMatchObject({ staff_id: supervisor.id, target: user.authId, details: { before: { status: 'ACTIVE' }, after: { status: 'SUSPENDED' } } });
    expect((await auditEvents(server, 'APPLICANT_RESUMED')).at(-1)).toMatchObject({ details: { before: { status: 'SUSPENDED' }, after: { status: 'ACTIVE' } } });
  });

  it('a clerk cannot suspend, resume or set a usage end (FORBIDDEN); an auditor cannot change anything', async () => {
    const user = await activeUser(server);
    for (const name of ['suspendApplicant', 'resumeApplicant']) {
      expect((await run(name, { authId: user.authId, ...reasons }, clerkToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await run('setUsageExpiry', { authId: user.authId, usageExpiresOn: '2026-05-01', ...reasons }, clerkToken, 'UsageExpiryInput')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const name of ['unlockApplicant', 'sendPasswordResetLink', 'suspendApplicant', 'resumeApplicant']) {
      expect((await run(name, { authId: user.authId, ...reasons }, auditorToken)).errors?.[0].extensions?.code, name).toBe('FORBIDDEN');
    }
    expect((await accountRow(server, user.userId)).status).toBe('ACTIVE');
  });
});

describe('setUsageExpiry', () => {
  it('after the last day of use (Asia/Tokyo) login answers WZBAM151E; on that day it still works', async () => {
    const user = await activeUser(server);
    // the test clock: 2026-04-01T00:00Z = 09:00 in Tokyo on 1 April
    const done = await run('setUsageExpiry', { authId: user.authId, usageExpiresOn: '２０２６-04-02', ...reasons }, supervisorToken, 'UsageExpiryInput');
    expect(done.applicant.usageExpiresAt).toBe('2026-04-02T15:00:00.000Z');
    const [mail] = await outboxOfUser(server.db, user.userId, 'USAGE_EXPIRY_SET');
    expect(mailHalves(mail.body).ja).toContain('2026/04/02');
    const saved = server.clock.now();
    try {
      server.clock.set(new Date('2026-04-02T14:59:00Z')); // 23:59 on 2 April in Tokyo
      expect((await login(server, user.authId)).__typename).toBe('LoginSuccess');
      server.clock.set(new Date('2026-04-02T15:00:00Z')); // 00:00 on 3 April in Tokyo
      expect(await login(server, user.authId)).toMatchObject({ __typename: 'AccountUnavailableError', code: 'WZBAM151E' });
    } finally {
      server.clock.set(saved);
    }
    expect((await auditEvents(server, 'APPLICANT_USAGE_EXPIRY_SET')).at(-1)).toMatchObject({
      target: user.authId, details: { before: { usageExpiresAt: null }, after: { usageExpiresOn: '2026-04-02', usageExpiresAt: '2026-04-02T15:00:00.000Z' } },
    });
  });

  it('needs a real date; not for a deleted account', async () => {
    const user = await activeUser(server);
    const bad = await run('setUsageExpiry', { authId: user.authId, usageExpiresOn: '2026-02-30', ...reasons }, supervisorToken, 'UsageExpiryInput');
    expect(bad.fieldErrors).toEqual([expect.objectContaining({ field: 'usageExpiresOn', code: 'WZBAM005E' })]);
    const missing = await run('setUsageExpiry', { authId: user.authId, ...reasons }, supervisorToken, 'UsageExpiryInput');
    expect(missing.fieldErrors).toEqual([expect.objectContaining({ field: 'usageExpiresOn', code: 'WZBAM001E' })]);
    await server.db.query("update user_account set status = 'DELETED' where id = $1", [user.userId]);
    expect((await run('setUsageExpiry', { authId: user.authId, usageExpiresOn: '2027-01-01', ...reasons }, supervisorToken, 'UsageExpiryInput')).__typename).toBe('InvalidStateError');
  });
});

describe('races', () => {
  it('parallel unlocks of one account: one is done, the others INVALID_STATE; one event, one mail', async () => {
    const user = await activeUser(server);
    await server.db.query('update user_account set locked_until = $1 where id = $2', [new Date(server.clock.now().getTime() + 3600_000), user.userId]);
    const results = await Promise.all(Array.from({ length: 4 }, () => run('unlockApplicant', { authId: user.authId, ...reasons })));
    expect(results.map((r) => r.__typename).sort()).toEqual(['ApplicantActionDone', 'InvalidStateError', 'InvalidStateError', 'InvalidStateError']);
    expect(await outboxOfUser(server.db, user.userId, 'ACCOUNT_UNLOCKED')).toHaveLength(1);
    expect((await auditEvents(server, 'APPLICANT_UNLOCKED')).filter((e) => e.target === user.authId)).toHaveLength(1);
  });
});
