import type { TestServer } from './test-server.js';
import { PASSWORD } from './fixtures.js';
import { totpCode } from './totp.js';
import { insertStaffMember } from '../../server/src/modules/staff/staff-admin.service.js';
import { issueEnrolmentLink } from '../../server/src/modules/staff/staff-enrolment.service.js';
import type { Bureau, StaffRole } from '../../server/src/modules/staff/staff-roles.js';

export const STAFF_PASSWORD = PASSWORD;

export const STAFF_LOGIN = /* GraphQL */ `
  mutation StaffLogin($input: StaffLoginInput!) {
    staffLogin(input: $input) {
      __typename
      ... on StaffSecondFactorRequired { challengeId methods expiresAt }
      ... on ErrorResult { code message }
      ... on AccountLockedError { lockedUntil }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const STAFF_VERIFY_TOTP = /* GraphQL */ `
  mutation StaffVerifyTotp($input: StaffTotpInput!) {
    staffVerifyTotp(input: $input) {
      __typename
      ... on StaffLoginSuccess { token expiresAt staff { id loginId roles bureau } }
      ... on ErrorResult { code message }
      ... on AccountLockedError { lockedUntil }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const STAFF_ENROLMENT = /* GraphQL */ `
  query StaffEnrolment($token: String!) { staffEnrolment(token: $token) { loginId name bureau expiresAt totpSecret otpauthUrl totpQrCode } }`;

export const ENROL_STAFF = /* GraphQL */ `
  mutation EnrolStaff($input: EnrolStaffInput!) {
    enrolStaff(input: $input) {
      __typename
      ... on StaffEnrolled { loginId secondFactors }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message } }
    }
  }`;

export const STAFF_ME = /* GraphQL */ `query { staffMe { id loginId name bureau roles status secondFactors } }`;

let counter = 0;
/** A unique staff login ID per call. */
export function uniqueLoginId(prefix = 'staff'): string {
  counter += 1;
  return `${prefix}${process.pid}x${counter}@immi.example.go.jp`;
}

/** A staff member inserted as createStaffMember would (through the service), with an open enrolment link. */
export async function staffWithLink(
  server: TestServer,
  opts: { roles?: StaffRole[]; bureau?: Bureau; loginId?: string; name?: string } = {},
): Promise<{ id: string; loginId: string; token: string }> {
  const em = server.app.deps.orm.em.fork();
  const loginId = opts.loginId ?? uniqueLoginId();
  return em.transactional(async (tx) => {
    const now = server.clock.now();
    const id = await insertStaffMember(tx, { loginId, name: opts.name ?? '法務 花子', bureau: opts.bureau ?? 'TOKYO', roles: opts.roles ?? ['COUNTER_CLERK'] }, null, now);
    if (!id) throw new Error(`login ID taken: ${loginId}`);
    const link = await issueEnrolmentLink(tx, server.config, { staffId: id, createdBy: null, now });
    return { id, loginId, token: new URL(link.url).searchParams.get('token')! };
  });
}

/** Enrols through the API with a TOTP code; returns the TOTP secret the link offered. */
export async function enrolWithTotp(server: TestServer, token: string, password = STAFF_PASSWORD, headers?: Record<string, string>): Promise<string> {
  const view = await server.staffGql(STAFF_ENROLMENT, { token }, { headers });
  const secret = view.data?.staffEnrolment?.totpSecret;
  if (!secret) throw new Error(`no enrolment: ${JSON.stringify(view)}`);
  const res = await server.staffGql(ENROL_STAFF, { input: { token, password, passwordConfirmation: password, totpCode: totpCode(secret, server.clock.now()) } }, { headers });
  if (res.data?.enrolStaff?.__typename !== 'StaffEnrolled') throw new Error(`enrolStaff failed: ${JSON.stringify(res)}`);
  return secret;
}

/** A staff member with these roles, enrolled with TOTP (the clock moves on by a step, so the next code is new). */
export async function enrolledStaff(server: TestServer, opts: Parameters<typeof staffWithLink>[1] & { headers?: Record<string, string> } = {}) {
  const member = await staffWithLink(server, opts);
  const secret = await enrolWithTotp(server, member.token, STAFF_PASSWORD, opts.headers);
  server.clock.advance(30);
  return { ...member, secret, password: STAFF_PASSWORD };
}

/** Both login steps through the API; the clock moves on by a step afterwards (each code is accepted once). */
export async function staffLoginToken(server: TestServer, member: { loginId: string; secret: string; password?: string }, headers?: Record<string, string>): Promise<string> {
  const first = await server.staffGql(STAFF_LOGIN, { input: { loginId: member.loginId, password: member.password ?? STAFF_PASSWORD } }, { headers });
  if (first.data?.staffLogin?.__typename !== 'StaffSecondFactorRequired') throw new Error(`staffLogin failed: ${JSON.stringify(first)}`);
  const second = await server.staffGql(
    STAFF_VERIFY_TOTP,
    { input: { challengeId: first.data.staffLogin.challengeId, code: totpCode(member.secret, server.clock.now()) } },
    { headers },
  );
  if (second.data?.staffVerifyTotp?.__typename !== 'StaffLoginSuccess') throw new Error(`staffVerifyTotp failed: ${JSON.stringify(second)}`);
  server.clock.advance(30);
  return second.data.staffVerifyTotp.token;
}

/** The audit events, oldest first (optionally of one action). */
export async function auditEvents(server: TestServer, action?: string) {
  const { rows } = await server.db.query(
    'select seq, staff_id, bureau, action, target, reason, request_id, ip, details from audit_event where ($1::text is null or action = $1) order by seq',
    [action ?? null],
  );
  return rows as { seq: string; staff_id: string | null; bureau: string | null; action: string; target: string | null; request_id: string | null; ip: string | null; details: Record<string, any> }[];
}
