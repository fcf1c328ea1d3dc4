/**
 * The composition root's lists: every entity and every resolver of the product, by surface. The lower layers
 * (db/, graphql/) take these as arguments and never import a feature module themselves; app.ts, the schema emitter
 * and the tests build the product from here.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { openOrm } from './db/orm.js';
import { buildContractSchema, guardSchema } from './graphql/schema.js';
import { rootPermissions } from './graphql/permissions.js';
import { staffRootPermissions } from './graphql/staff-permissions.js';
import { UserAccountSchema } from './modules/account/user.entity.js';
import { AccountResolver } from './modules/account/account.resolver.js';
import { ApplicantAdminResolver } from './modules/applicant-admin/applicant-admin.resolver.js';
import { ApprovalResolver } from './modules/applicant-admin/approval.resolver.js';
import { AuditEventSchema } from './modules/audit/audit-event.entity.js';
import { AuthEventSchema } from './modules/audit/auth-event.entity.js';
import { CoeApplicantResolver } from './modules/coe/coe-applicant.resolver.js';
import { CoeEventSchema, CoeSchema, CoeSerialSchema } from './modules/coe/coe.entities.js';
import { CoeStaffResolver } from './modules/coe/coe-staff.resolver.js';
import { CoeReferenceResolver } from './modules/coe/coe-reference.resolver.js';
import { ApplicantCoesResolver } from './modules/coe/applicant-coes.resolver.js';
import { AuthResolver, LoginSuccessResolver } from './modules/auth/auth.resolver.js';
import { SessionSchema } from './modules/auth/session.entity.js';
import { SessionResolver } from './modules/auth/session.resolver.js';
import { MailOutboxSchema } from './modules/mail/outbox.entity.js';
import { EmailLinkSchema } from './modules/password/email-link.entity.js';
import { PasswordReminderSchema } from './modules/password/password-reminder.entity.js';
import { AuditReadsResolver } from './modules/audit/audit-reads.resolver.js';
import { NoticeSchema } from './modules/notices/notice.entity.js';
import { PublicNoticesResolver } from './modules/notices/public-notices.resolver.js';
import { StaffNoticesResolver } from './modules/notices/staff-notices.resolver.js';
import { PasswordResolver } from './modules/password/password.resolver.js';
import { ReferenceResolver } from './modules/reference/reference.resolver.js';
import { RegistrationResolver } from './modules/registration/registration.resolver.js';
import { StaffAdminResolver } from './modules/staff/staff-admin.resolver.js';
import type { Pooler } from './db/pooler.js';
import { StaffAuthResolver, StaffLoginSuccessResolver } from './modules/staff/staff-auth.resolver.js';
import { StaffEnrolmentResolver } from './modules/staff/staff-enrolment.resolver.js';
import {
  StaffEnrolmentLinkSchema,
  StaffLoginChallengeSchema,
  StaffMemberSchema,
  StaffPasskeySchema,
  StaffSessionSchema,
} from './modules/staff/staff.entities.js';

/** Every entity the ORM maps. */
export const entities = [
  UserAccountSchema,
  SessionSchema,
  EmailLinkSchema,
  PasswordReminderSchema,
  NoticeSchema,
  MailOutboxSchema,
  AuthEventSchema,
  StaffMemberSchema,
  StaffPasskeySchema,
  StaffEnrolmentLinkSchema,
  StaffSessionSchema,
  StaffLoginChallengeSchema,
  AuditEventSchema,
  CoeSchema,
  CoeEventSchema,
  CoeSerialSchema,
];

/** The applicant surface, `/graphql` (schema.graphql). */
export const applicantResolvers = [
  AccountResolver,
  AuthResolver,
  CoeApplicantResolver,
  LoginSuccessResolver,
  PasswordResolver,
  PublicNoticesResolver,
  ReferenceResolver,
  RegistrationResolver,
  SessionResolver,
] as const;

/**
 * The staff surface, `/staff/graphql` (staff.schema.graphql): the back office on the same feature modules. Its
 * permission map is graphql/staff-permissions.ts.
 */
export const staffResolvers = [
  StaffAuthResolver,
  StaffLoginSuccessResolver,
  StaffEnrolmentResolver,
  StaffAdminResolver,
  StaffNoticesResolver,
  AuditReadsResolver,
  CoeStaffResolver,
  CoeReferenceResolver,
  ApplicantCoesResolver,
  ApplicantAdminResolver,
  ApprovalResolver,
] as const;

/** The product's ORM on `clientUrl`. */
export function openProductOrm(clientUrl: string, poolMax?: number, log?: (message: string) => void, pooler?: Pooler): Promise<MikroORM> {
  return openOrm(clientUrl, entities, poolMax, log, pooler);
}

/** The applicant contract as published in schema.graphql (no permissions applied). */
export function applicantContractSchema(): Promise<GraphQLSchema> {
  return buildContractSchema(applicantResolvers);
}

/** The executable applicant schema: the contract with its permission map and the service-error mapping. */
export async function applicantExecutableSchema(): Promise<GraphQLSchema> {
  const schema = await applicantContractSchema();
  return guardSchema(schema, rootPermissions(schema));
}

/** The staff contract as published in staff.schema.graphql (no permissions applied). */
export function staffContractSchema(): Promise<GraphQLSchema> {
  return buildContractSchema(staffResolvers);
}

/** The executable staff schema: the contract with the staff permission map (deny by default, keyed by role). */
export async function staffExecutableSchema(): Promise<GraphQLSchema> {
  const schema = await staffContractSchema();
  return guardSchema(schema, staffRootPermissions(schema));
}
