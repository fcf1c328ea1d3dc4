import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, registerUser } from '../../support/fixtures.js';
import { fullWidth } from '../../support/auth-helpers.js';
import { auditEvents, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/** applicants and applicant (docs/spec/staff.md "Applicant accounts"): search, pagination, the detail, the audit. */

let server: TestServer;
let clerk: Awaited<ReturnType<typeof enrolledStaff>>;
let clerkToken: string;
let auditorToken: string;
const tag = `Q${process.pid % 1000}`.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)]); // a name prefix of this run: letters only
const users: Awaited<ReturnType<typeof activeUser>>[] = [];

beforeAll(async () => {
  server = await startTestServer();
  clerk = await enrolledStaff(server, { roles: ['COUNTER_CLERK'], bureau: 'OSAKA' });
  clerkToken = await staffLoginToken(server, clerk);
  auditorToken = await staffLoginToken(server, await enrolledStaff(server, { roles: ['AUDITOR'] }));
  for (let i = 0; i < 5; i++) {
    users.push(await activeUser(server, { name: `${tag}SEARCH ${'ABCDE'[i]}`, birthYear: '1985', birthMonth: '5', birthDay: String(i + 1) }));
  }
});
afterAll(async () => server?.stop());

const SEARCH = /* GraphQL */ `
  query ($filter: ApplicantFilter!, $first: Int, $after: String) {
    applicants(filter: $filter, first: $first, after: $after) {
      nodes { authId name birthDate email userClass status locked lockedUntil registeredAt lastLoginAt }
      endCursor hasNextPage
      pageInfo { endCursor hasNextPage }
    }
  }`;

const DETAIL = /* GraphQL */ `
  query ($authId: String!) {
    applicant(authId: $authId) {
      authId name sex birthDate residenceCode residenceAddress phone email language userClass status locked lockedUntil failedLoginCount
      registeredAt lastLoginAt passwordChangedAt passwordExpiresAt usageExpiresAt deletedAt erasedAt
      recentMails { kind to state attempts createdAt sentAt }
      recentEvents { type at ip reason }
    }
  }`;

const search = async (filter: Record<string, unknown>, extra: Record<string, unknown> = {}, token = clerkToken) =>
  server.staffGql(SEARCH, { filter, ...extra }, { token });

describe('applicants', () => {
  it('finds by name prefix, normalized as registration stores names (lower case and full-width typed)', async () => {
    const res = await search({ name: fullWidth(`${tag.toLowerCase()}search`) });
    expect(res.errors).toBeUndefined();
    expect(res.data.applicants.nodes.map((n: any) => n.authId).sort()).toEqual(users.map((u) => u.authId).sort());
    expect(res.data.applicants.nodes[0]).toMatchObject({ status: 'ACTIVE', locked: false, userClass: 'COUNTER_COE_RECIPIENT', birthDate: expect.stringMatching(/^1985-05-0\d$/) });
    // a name search is in name order (then 認証ID); others in 認証ID order
    expect(res.data.applicants.nodes.map((n: any) => n.authId)).toEqual(users.map((u) => u.authId));
    const byBirthYear = await search({ email: users[2].email });
    expect(byBirthYear.data.applicants.nodes).toHaveLength(1);
    const all = (await search({ status: 'ACTIVE' }, { first: 100 })).data.applicants.nodes.map((n: any) => n.authId);
    expect(all).toEqual([...all].sort((a: string, b: string) => (a < b ? -1 : 1)));
  });

  it('matches 認証ID and e-mail exactly, whatever the case or width typed; birth date, status and lock state', async () => {
    const [a, b] = users;
    const byAuthId = await search({ authId: fullWidth(a.authId.toUpperCase()) });
    expect(byAuthId.data.applicants.nodes.map((n: any) => n.authId)).toEqual([a.authId]);
    expect((await search({ authId: a.authId.slice(0, -1) })).data.applicants.nodes).toEqual([]);
    const byEmail = await search({ email: ` ${b.email.toUpperCase()} ` });
    expect(byEmail.data.applicants.nodes.map((n: any) => n.authId)).toEqual([b.authId]);
    const byBirth = await search({ name: tag, birthDate: '1985-05-02' });
    expect(byBirth.data.applicants.nodes.map((n: any) => n.authId)).toEqual([b.authId]);

    await server.db.query("update user_account set locked_until = $1 where id = $2", [new Date(server.clock.now().getTime() + 3600_000), a.userId]);
    const locked = await search({ name: tag, locked: true });
    expect(locked.data.applicants.nodes.map((n: any) => n.authId)).toEqual([a.authId]);
    expect(locked.data.applicants.nodes[0].locked).toBe(true);
    expect((await search({ name: tag, locked: false })).data.applicants.nodes).toHaveLength(4);
    await server.db.query('update user_account set locked_until = null where id = $1', [a.userId]);

    const pending = await registerUser(server, { name: `${tag}SEARCH PENDING` });
    const byStatus = await search({ name: tag, status: 'pending_password' });
    expect(byStatus.data.applicants.nodes.map((n: any) => n.authId)).toEqual([pending.authId]);
  });

  it('pages with an opaque cursor in a stable order (by name for a name search), first ≤ 100', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await search({ name: `${tag}SEARCH `, status: 'ACTIVE' }, { first: 2, after });
      const conn = res.data.applicants;
      seen.push(...conn.nodes.map((n: any) => n.authId));
      expect(conn.nodes.length).toBeLessThanOrEqual(2);
      // the shape every staff connection has, too
      expect(conn.pageInfo).toEqual({ endCursor: conn.endCursor, hasNextPage: conn.hasNextPage });
      if (!conn.hasNextPage) break;
      expect(conn.endCursor).not.toContain(conn.nodes.at(-1).authId); // opaque
      after = conn.endCursor;
    }
    expect(seen).toEqual(users.map((u) => u.authId));
    // a cursor of a name search is no position in a search without a name
    const named = (await search({ name: tag }, { first: 1 })).data.applicants.endCursor;
    expect((await search({ status: 'ACTIVE' }, { after: named })).errors?.[0].extensions?.reason).toBe('INVALID_FILTER');
  });

  it('refuses an invalid filter with BAD_REQUEST (reason INVALID_FILTER) naming every field, in the request language', async () => {
    const res = await search({ name: '山田', birthDate: '1985-02-30', status: 'GONE', email: 'not-an-address' }, { first: 101, after: 'xyz' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_FILTER' });
    for (const field of ['name', 'birthDate', 'status', 'email', 'first', 'after']) expect(res.errors?.[0].message).toContain(`${field}:`);
    // and every field error as data, as the other staff lists give them
    expect(res.errors?.[0].extensions?.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual(['after', 'birthDate', 'email', 'first', 'name', 'status']);
    const en = await server.staffGql(SEARCH, { filter: { birthDate: 'x' } }, { token: clerkToken, lang: 'en' });
    expect(en.errors?.[0].message).toContain('date of birth');
    expect((await search({}, { first: 0 })).errors?.[0].extensions?.reason).toBe('INVALID_FILTER');
  });

  it('audits every search with the normalized filter (APPLICANTS_SEARCHED), the auditor\'s too', async () => {
    await search({ name: `${tag.toLowerCase()}search`, locked: false }, { first: 3 }, auditorToken);
    const event = (await auditEvents(server, 'APPLICANTS_SEARCHED')).at(-1)!;
    expect(event.details).toMatchObject({ filter: { namePrefix: `${tag}SEARCH`, locked: false }, first: 3, results: 3 });
    expect(event.staff_id).not.toBe(clerk.id);
  });
});

describe('applicant', () => {
  it('shows the registered data, state, mails (no body) and security events; never a hash or token; audited', async () => {
    const [a] = users;
    const res = await server.staffGql(DETAIL, { authId: a.authId.toUpperCase() }, { token: clerkToken });
    expect(res.errors).toBeUndefined();
    const d = res.data.applicant;
    expect(d).toMatchObject({
      authId: a.authId, name: `${tag}SEARCH A`, sex: 'MALE', birthDate: '1985-05-01', residenceCode: '131016', phone: '0312345678', email: a.email,
      status: 'ACTIVE', locked: false, failedLoginCount: 0, usageExpiresAt: null, deletedAt: null, erasedAt: null,
    });
    expect(d.passwordChangedAt).not.toBeNull();
    expect(new Date(d.passwordExpiresAt).getTime()).toBe(new Date(d.passwordChangedAt).getTime() + 365 * 86_400_000);
    expect(d.recentMails.map((m: any) => m.kind).sort()).toEqual(['PASSWORD_SET', 'REGISTRATION']);
    expect(d.recentMails[0]).toMatchObject({ to: a.email, state: 'QUEUED', sentAt: null });
    expect(d.recentEvents.map((e: any) => e.type)).toEqual(expect.arrayContaining(['REGISTERED', 'PASSWORD_SET']));
    expect(JSON.stringify(res.data)).not.toMatch(/argon2|token|\/password\/set/);
    const event = (await auditEvents(server, 'APPLICANT_VIEWED')).at(-1)!;
    expect(event).toMatchObject({ staff_id: clerk.id, bureau: 'OSAKA', target: a.authId, details: { found: true } });
  });

  it('is null for an unknown 認証ID (audited as not found)', async () => {
    const res = await server.staffGql(DETAIL, { authId: 'nosuchid99' }, { token: clerkToken });
    expect(res.data.applicant).toBeNull();
    expect((await auditEvents(server, 'APPLICANT_VIEWED')).at(-1)).toMatchObject({ target: 'nosuchid99', details: { found: false } });
  });
});
