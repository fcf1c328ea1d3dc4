import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { rule } from 'graphql-shield';
import type { StaffContext } from './context.js';
import { shieldRootFields } from './permissions.js';
import { topLevelError } from '../errors/graphql-errors.js';
import { staffErrorMessage } from '../i18n/staff-error-messages.js';
import type { StaffRole } from '../modules/staff/staff-roles.js';
import { GraphQLError } from 'graphql';

/**
 * The staff surface's authorization (staff.md "API"): one graphql-shield map, deny by default, keyed by role. Each
 * root field names who may call it:
 * - `'public'`: anyone (the login steps and the enrolment link, whose secrets are the credential);
 * - `'sessionOrAnonymous'`: staffMe — no token is fine (null), a bad one is the session problem;
 * - `'session'`: any live staff session, whatever its roles;
 * - a list of roles: a live session of a member holding at least one of them (FORBIDDEN otherwise).
 * Every field is also refused (FORBIDDEN) from outside STAFF_ALLOWED_NETWORKS, except staffLogin, which answers
 * NetworkNotAllowedError itself so that the refusal is audited. The next operations (applicants, approvals, notices,
 * audit) add their line here with the roles staff.md names; a test reads the schema and fails on a field without one.
 */
export type StaffAccess = 'public' | 'sessionOrAnonymous' | 'session' | readonly StaffRole[];

export const STAFF_ACCESS = {
  Query: {
    staffMe: 'sessionOrAnonymous',
    staffEnrolment: 'public',
    staffMembers: ['STAFF_ADMIN'],
    staffNotices: ['NOTICE_EDITOR'],
    auditEvents: ['AUDITOR', 'SUPERVISOR'],
    auditChainStatus: ['AUDITOR'],
    auditEventsCsv: ['AUDITOR', 'SUPERVISOR'],
    coe: ['COUNTER_CLERK', 'SUPERVISOR', 'AUDITOR'],
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
} as const satisfies { Query: Record<string, StaffAccess>; Mutation: Record<string, StaffAccess> };

/** Fields that check STAFF_ALLOWED_NETWORKS themselves, to audit the refusal. */
export const CHECKS_NETWORK_ITSELF: ReadonlySet<string> = new Set(['staffLogin']);

function networkRefused(ctx: StaffContext): GraphQLError {
  return new GraphQLError(staffErrorMessage('STAFF_NETWORK_NOT_ALLOWED', ctx.locale), { extensions: { code: 'FORBIDDEN', reason: 'NETWORK' } });
}

/**
 * One field's rule. Errors are returned, not thrown: graphql-shield turns a thrown error into a plain `false`
 * (FORBIDDEN) and drops it, so a database failure during the session check would look like a permission problem
 * (permissions.ts, sessionRule).
 */
function accessRule(access: StaffAccess, checkNetwork: boolean) {
  return rule({ cache: 'no_cache' })(async (_parent, _args, ctx: StaffContext) => {
    try {
      if (checkNetwork && !ctx.fromAllowedNetwork) return networkRefused(ctx);
      if (access === 'public') return true;
      const auth = await ctx.staffAuth();
      if (auth.kind === 'problem') return topLevelError(auth.problem, ctx.locale);
      if (access === 'sessionOrAnonymous') return true;
      if (auth.kind === 'anonymous') return topLevelError('UNAUTHENTICATED', ctx.locale);
      if (access === 'session') return true;
      return access.some((role) => auth.staff.roles.includes(role)) ? true : topLevelError('FORBIDDEN', ctx.locale);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  });
}

/** The staff permission map as graphql-middleware maps of the two root types. */
export function staffRootPermissions(schema: GraphQLSchema): IMiddlewareTypeMap {
  const rulesOf = (fields: Record<string, StaffAccess>) =>
    Object.fromEntries(Object.entries(fields).map(([name, access]) => [name, accessRule(access, !CHECKS_NETWORK_ITSELF.has(name))]));
  return shieldRootFields(schema, { Query: rulesOf(STAFF_ACCESS.Query), Mutation: rulesOf(STAFF_ACCESS.Mutation) });
}
