import { readFileSync } from 'node:fs';
import { buildSchema, graphql, extendSchema, parse, type GraphQLEnumType, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { STAFF_ERROR_CODES, STAFF_ONLY_CODES } from '../../../server/src/errors/staff-error-code.js';
import { staffErrorMessage } from '../../../server/src/i18n/staff-error-messages.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffContractSchema } from '../../../server/src/composition.js';
import { printStaffContract } from '../../../server/src/emit-schemas.js';
import { guardSchema } from '../../../server/src/graphql/schema.js';
import { STAFF_ACCESS, staffRootPermissions, type StaffAccess } from '../../../server/src/graphql/staff-permissions.js';
import type { StaffContext } from '../../../server/src/graphql/context.js';
import { STAFF_ROLES, type StaffRole } from '../../../server/src/modules/staff/staff-roles.js';
import { activeUser, loginToken, ME } from '../../support/fixtures.js';
import { operationFor, rootFields, type RootName } from '../../support/schema-operations.js';
import { STAFF_ME, enrolledStaff, staffLoginToken } from '../../support/staff-helpers.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/**
 * The staff surface's authorization (staff.md "API"): every root field has a rule, deny by default, keyed by role;
 * each surface refuses the other's tokens; anonymous callers get nothing that needs a session.
 */

/** staff.md's role boundaries for the operations built so far: a change to the map must change this table too. */
const EXPECTED: Record<RootName, Record<string, StaffAccess>> = {
  Query: {
    staffMe: 'sessionOrAnonymous',
    staffEnrolment: 'public',
    staffMembers: ['STAFF_ADMIN'],
    staffNotices: ['NOTICE_EDITOR'],
    auditEvents: ['AUDITOR', 'SUPERVISOR'],
    auditChainStatus: ['AUDITOR'],
    auditEventsCsv: ['AUDITOR', 'SUPERVISOR'],
    // coe.md: the COE's read, like an applicant's (staff.md: CLERK, SUPERVISOR, AUDITOR)
    coe: ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'],
    // coe.md: the COE forms' lists, nothing personal
    coeReferenceData: 'session',
    applicants: ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'],
    applicant: ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'],
    approvalRequests: ['SUPERVISOR'],
  },
  Mutation: {
    staffLogin: 'public',
    staffVerifyTotp: 'public',
    staffPasskeyOptions: 'public',
    staffVerifyPasskey: 'public',
    staffLogout: 'session',
    enrolStaff: 'public',
    staffPasskeyRegistrationOptions: 'public',
    createStaffMember: ['STAFF_ADMIN'],
    setStaffRoles: ['STAFF_ADMIN'],
    disableStaffMember: ['STAFF_ADMIN'],
    resetStaffSecondFactor: ['STAFF_ADMIN'],
    saveNotice: ['NOTICE_EDITOR'],
    withdrawNotice: ['NOTICE_EDITOR'],
    // coe.md "Staff API"
    issueCoe: ['COUNTER_CLERK', 'SUPERVISOR'],
    revokeCoe: ['SUPERVISOR'],
    reissueCoe: ['SUPERVISOR'],
    resendCoeMail: ['COUNTER_CLERK', 'SUPERVISOR'],
    unlockApplicant: ['COUNTER_CLERK', 'SUPERVISOR'],
    sendPasswordResetLink: ['COUNTER_CLERK', 'SUPERVISOR'],
    renotifyAuthId: ['COUNTER_CLERK', 'SUPERVISOR'],
    suspendApplicant: ['SUPERVISOR'],
    resumeApplicant: ['SUPERVISOR'],
    setUsageExpiry: ['SUPERVISOR'],
    requestApplicantDeletion: ['COUNTER_CLERK', 'SUPERVISOR'],
    requestEmailCorrection: ['COUNTER_CLERK', 'SUPERVISOR'],
    decideApprovalRequest: ['SUPERVISOR'],
  },
};

const needsSession = (access: StaffAccess) => access === 'session' || Array.isArray(access);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await staffContractSchema();
});

describe('the staff schema and its permission map', () => {
  it('staff.schema.graphql is what the server code prints, and holds no applicant operation', async () => {
    const committed = readFileSync(new URL('../../../staff.schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(await printStaffContract());
    const published = buildSchema(committed);
    for (const name of ['login', 'register', 'setPassword', 'me', 'notices']) {
      expect(published.getQueryType()?.getFields()[name] ?? published.getMutationType()?.getFields()[name]).toBeUndefined();
    }
  });

  it('names every Query and Mutation field with a rule, and every rule is staff.md\'s', () => {
    for (const root of ['Query', 'Mutation'] as const) {
      const fields = rootFields(schema, root).map((f) => f.name).sort();
      expect(Object.keys(STAFF_ACCESS[root]).sort(), `${root}: fields and rules`).toEqual(fields);
      expect(STAFF_ACCESS[root]).toEqual(EXPECTED[root]);
    }
  });

  it('has its own ErrorCode enum: exactly the staff catalog, each code with a ja and an en text without the code', () => {
    const published = buildSchema(readFileSync(new URL('../../../staff.schema.graphql', import.meta.url), 'utf8'));
    const codes = (published.getType('ErrorCode') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(codes.sort()).toEqual([...STAFF_ERROR_CODES].sort());
    for (const code of STAFF_ERROR_CODES) {
      for (const locale of ['ja', 'en'] as const) {
        const text = staffErrorMessage(code, locale, 'loginId');
        expect(text, `${code} ${locale}`).toMatch(/\S/);
        expect(text, `${code} ${locale}`).not.toContain(code);
        expect(text, `${code} ${locale}`).not.toMatch(/\{item\}|入力項目/);
      }
    }
    // staff codes never reach the applicant contract
    const applicant = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    for (const code of STAFF_ONLY_CODES) expect(applicant).not.toContain(code);
    // every …Error type implements ErrorResult (FieldError, an element of fieldErrors, is the one exception)
    const errorResult = published.getType('ErrorResult') as GraphQLInterfaceType;
    for (const type of Object.values(published.getTypeMap())) {
      if (type.name.endsWith('Error') && type.name !== 'FieldError') {
        expect((type as GraphQLObjectType).getInterfaces(), type.name).toContain(errorResult);
      }
    }
  });

  it('denies by default: a root field the map does not name is FORBIDDEN', async () => {
    const extended = extendSchema(schema, parse('extend type Query { unlisted: String }'));
    extended.getQueryType()!.getFields().unlisted.resolve = () => 'secret';
    const guarded = guardSchema(extended, staffRootPermissions(extended));
    const contextValue = { locale: 'ja', fromAllowedNetwork: true, staffAuth: async () => ({ kind: 'anonymous' }) } as unknown as StaffContext;
    const res = await graphql({ schema: guarded, source: '{ unlisted }', contextValue });
    expect(res.data?.unlisted ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('over HTTP', () => {
  let server: TestServer;
  const tokens = new Map<StaffRole, string>();
  let applicantToken: string;
  let staffToken: string;
  beforeAll(async () => {
    server = await startTestServer();
    for (const role of STAFF_ROLES) {
      const member = await enrolledStaff(server, { roles: [role] });
      tokens.set(role, await staffLoginToken(server, member));
    }
    const user = await activeUser(server);
    applicantToken = await loginToken(server, user.authId);
    staffToken = tokens.get('AUDITOR')!;
  });
  afterAll(async () => server?.stop());

  const fields = () =>
    (['Query', 'Mutation'] as const).flatMap((root) =>
      rootFields(schema, root).map((field) => ({ root, field, access: STAFF_ACCESS[root][field.name as never] as StaffAccess, label: `${root}.${field.name}` })),
    );

  it('anonymous callers, bad tokens and applicant tokens get UNAUTHENTICATED from every field that needs a session', async () => {
    const guarded = fields().filter((f) => needsSession(f.access));
    expect(guarded.map((f) => f.label)).toEqual(expect.arrayContaining(['Query.staffMembers', 'Mutation.staffLogout', 'Mutation.createStaffMember']));
    for (const { root, field, label } of guarded) {
      const { query, variables } = operationFor(root, field);
      for (const token of [undefined, 'stf_not-a-session', applicantToken]) {
        const res = await server.staffGql(query, variables, { token });
        expect(res.errors?.map((e) => e.extensions?.code), `${label} (token ${token?.slice(0, 8)})`).toEqual(['UNAUTHENTICATED']);
      }
    }
  });

  it('staffMe: null without a token; an applicant token is UNAUTHENTICATED on /staff/graphql, a staff token on /graphql', async () => {
    expect((await server.staffGql(STAFF_ME)).data).toEqual({ staffMe: null });
    expect((await server.staffGql(STAFF_ME, {}, { token: applicantToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.staffGql(STAFF_ME, {}, { token: staffToken })).data.staffMe.roles).toEqual(['AUDITOR']);
    expect((await server.gql(ME, {}, { token: staffToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql('mutation { logout { __typename } }', {}, { token: staffToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // and the applicant's token still works where it belongs
    expect((await server.gql(ME, {}, { token: applicantToken })).data.me).not.toBeNull();
  });

  it('role matrix: each role × each root field is allowed or FORBIDDEN exactly as staff.md says', async () => {
    const matrix: string[] = [];
    // staffLogout would end the session the next rows need: it is checked last, for every role
    const ordered = [...fields().filter((f) => f.field.name !== 'staffLogout'), ...fields().filter((f) => f.field.name === 'staffLogout')];
    for (const { root, field, access, label } of ordered) {
      const { query, variables } = operationFor(root, field);
      for (const role of STAFF_ROLES) {
        const res = await server.staffGql(query, variables, { token: tokens.get(role) });
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        const allowed = !Array.isArray(access) || access.includes(role);
        if (allowed) expect(codes, `${label} as ${role}: ${JSON.stringify(res.errors)}`).not.toContain('FORBIDDEN');
        else expect(codes, `${label} as ${role}`).toEqual(['FORBIDDEN']);
        if (allowed) expect(codes, `${label} as ${role}`).not.toContain('UNAUTHENTICATED');
        matrix.push(`${label} ${role} ${allowed ? 'allowed' : 'FORBIDDEN'}`);
      }
    }
    // the STAFF_ADMIN-only operations are refused to the four other roles
    for (const name of ['Query.staffMembers', 'Mutation.createStaffMember', 'Mutation.setStaffRoles', 'Mutation.disableStaffMember', 'Mutation.resetStaffSecondFactor']) {
      expect(matrix.filter((line) => line.startsWith(`${name} `) && line.endsWith('FORBIDDEN')).length, name).toBe(4);
    }
    // applicant accounts: a clerk cannot suspend, resume, set a usage end, list or decide approvals; an auditor reads
    // applicants but changes nothing
    for (const name of ['suspendApplicant', 'resumeApplicant', 'setUsageExpiry', 'decideApprovalRequest']) {
      expect(matrix, name).toContain(`Mutation.${name} COUNTER_CLERK FORBIDDEN`);
    }
    expect(matrix).toContain('Query.approvalRequests COUNTER_CLERK FORBIDDEN');
    for (const name of ['applicants', 'applicant']) expect(matrix).toContain(`Query.${name} AUDITOR allowed`);
    const applicantMutations = ['unlockApplicant', 'sendPasswordResetLink', 'renotifyAuthId', 'suspendApplicant', 'resumeApplicant', 'setUsageExpiry',
      'requestApplicantDeletion', 'requestEmailCorrection', 'decideApprovalRequest'];
    for (const name of applicantMutations) expect(matrix, name).toContain(`Mutation.${name} AUDITOR FORBIDDEN`);
  });
});
