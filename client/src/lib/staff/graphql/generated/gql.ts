/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query StaffNotices {\n    staffNotices {\n      id titleJa bodyJa titleEn bodyEn publishFrom publishUntil publishedOn state createdAt updatedAt withdrawnAt\n      createdBy { id name } updatedBy { id name }\n    }\n  }\n": typeof types.StaffNoticesDocument,
    "\n  mutation SaveNotice($input: NoticeInput!) {\n    saveNotice(input: $input) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.SaveNoticeDocument,
    "\n  mutation WithdrawNotice($id: ID!) {\n    withdrawNotice(id: $id) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.WithdrawNoticeDocument,
    "\n  query AuditEvents($filter: AuditFilter!, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { seq at staffId staffName bureau action target reason receptionNumber requestId ip details } }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  query AuditChainStatus {\n    auditChainStatus { ok checkedEvents firstBrokenSeq }\n  }\n": typeof types.AuditChainStatusDocument,
    "\n  query AuditEventsCsv($filter: AuditFilter!) {\n    auditEventsCsv(filter: $filter)\n  }\n": typeof types.AuditEventsCsvDocument,
    "\n  query StaffMe {\n    staffMe { id loginId name bureau roles status lastLoginAt }\n  }\n": typeof types.StaffMeDocument,
    "\n  query StaffEnrolment($token: String!) {\n    staffEnrolment(token: $token) { loginId name bureau expiresAt totpSecret otpauthUrl totpQrCode }\n  }\n": typeof types.StaffEnrolmentDocument,
    "\n  mutation StaffPasskeyRegistrationOptions($token: String!) {\n    staffPasskeyRegistrationOptions(token: $token)\n  }\n": typeof types.StaffPasskeyRegistrationOptionsDocument,
    "\n  mutation EnrolStaff($input: EnrolStaffInput!) {\n    enrolStaff(input: $input) {\n      __typename\n      ... on StaffEnrolled { loginId secondFactors }\n      ... on InvalidLinkError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.EnrolStaffDocument,
    "\n  mutation StaffLogin($input: StaffLoginInput!) {\n    staffLogin(input: $input) {\n      __typename\n      ... on StaffSecondFactorRequired { challengeId methods expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on NetworkNotAllowedError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.StaffLoginDocument,
    "\n  mutation StaffVerifyTotp($input: StaffTotpInput!) {\n    staffVerifyTotp(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.StaffVerifyTotpDocument,
    "\n  mutation StaffPasskeyOptions($challengeId: String!) {\n    staffPasskeyOptions(challengeId: $challengeId)\n  }\n": typeof types.StaffPasskeyOptionsDocument,
    "\n  mutation StaffVerifyPasskey($input: StaffPasskeyInput!) {\n    staffVerifyPasskey(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": typeof types.StaffVerifyPasskeyDocument,
    "\n  mutation StaffLogout {\n    staffLogout { __typename ... on LoggedOut { ok } }\n  }\n": typeof types.StaffLogoutDocument,
    "\n  query StaffMembers {\n    staffMembers { id loginId name bureau roles status secondFactors enrolledAt lockedUntil lastLoginAt createdAt }\n  }\n": typeof types.StaffMembersDocument,
    "\n  mutation CreateStaffMember($input: StaffMemberInput!) {\n    createStaffMember(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": typeof types.CreateStaffMemberDocument,
    "\n  mutation SetStaffRoles($input: StaffRolesInput!) {\n    setStaffRoles(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": typeof types.SetStaffRolesDocument,
    "\n  mutation DisableStaffMember($id: ID!) {\n    disableStaffMember(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": typeof types.DisableStaffMemberDocument,
    "\n  mutation ResetStaffSecondFactor($id: ID!) {\n    resetStaffSecondFactor(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": typeof types.ResetStaffSecondFactorDocument,
};
const documents: Documents = {
    "\n  query StaffNotices {\n    staffNotices {\n      id titleJa bodyJa titleEn bodyEn publishFrom publishUntil publishedOn state createdAt updatedAt withdrawnAt\n      createdBy { id name } updatedBy { id name }\n    }\n  }\n": types.StaffNoticesDocument,
    "\n  mutation SaveNotice($input: NoticeInput!) {\n    saveNotice(input: $input) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.SaveNoticeDocument,
    "\n  mutation WithdrawNotice($id: ID!) {\n    withdrawNotice(id: $id) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.WithdrawNoticeDocument,
    "\n  query AuditEvents($filter: AuditFilter!, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { seq at staffId staffName bureau action target reason receptionNumber requestId ip details } }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  query AuditChainStatus {\n    auditChainStatus { ok checkedEvents firstBrokenSeq }\n  }\n": types.AuditChainStatusDocument,
    "\n  query AuditEventsCsv($filter: AuditFilter!) {\n    auditEventsCsv(filter: $filter)\n  }\n": types.AuditEventsCsvDocument,
    "\n  query StaffMe {\n    staffMe { id loginId name bureau roles status lastLoginAt }\n  }\n": types.StaffMeDocument,
    "\n  query StaffEnrolment($token: String!) {\n    staffEnrolment(token: $token) { loginId name bureau expiresAt totpSecret otpauthUrl totpQrCode }\n  }\n": types.StaffEnrolmentDocument,
    "\n  mutation StaffPasskeyRegistrationOptions($token: String!) {\n    staffPasskeyRegistrationOptions(token: $token)\n  }\n": types.StaffPasskeyRegistrationOptionsDocument,
    "\n  mutation EnrolStaff($input: EnrolStaffInput!) {\n    enrolStaff(input: $input) {\n      __typename\n      ... on StaffEnrolled { loginId secondFactors }\n      ... on InvalidLinkError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.EnrolStaffDocument,
    "\n  mutation StaffLogin($input: StaffLoginInput!) {\n    staffLogin(input: $input) {\n      __typename\n      ... on StaffSecondFactorRequired { challengeId methods expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on NetworkNotAllowedError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.StaffLoginDocument,
    "\n  mutation StaffVerifyTotp($input: StaffTotpInput!) {\n    staffVerifyTotp(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.StaffVerifyTotpDocument,
    "\n  mutation StaffPasskeyOptions($challengeId: String!) {\n    staffPasskeyOptions(challengeId: $challengeId)\n  }\n": types.StaffPasskeyOptionsDocument,
    "\n  mutation StaffVerifyPasskey($input: StaffPasskeyInput!) {\n    staffVerifyPasskey(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n": types.StaffVerifyPasskeyDocument,
    "\n  mutation StaffLogout {\n    staffLogout { __typename ... on LoggedOut { ok } }\n  }\n": types.StaffLogoutDocument,
    "\n  query StaffMembers {\n    staffMembers { id loginId name bureau roles status secondFactors enrolledAt lockedUntil lastLoginAt createdAt }\n  }\n": types.StaffMembersDocument,
    "\n  mutation CreateStaffMember($input: StaffMemberInput!) {\n    createStaffMember(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": types.CreateStaffMemberDocument,
    "\n  mutation SetStaffRoles($input: StaffRolesInput!) {\n    setStaffRoles(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": types.SetStaffRolesDocument,
    "\n  mutation DisableStaffMember($id: ID!) {\n    disableStaffMember(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": types.DisableStaffMemberDocument,
    "\n  mutation ResetStaffSecondFactor($id: ID!) {\n    resetStaffSecondFactor(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n": types.ResetStaffSecondFactorDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffNotices {\n    staffNotices {\n      id titleJa bodyJa titleEn bodyEn publishFrom publishUntil publishedOn state createdAt updatedAt withdrawnAt\n      createdBy { id name } updatedBy { id name }\n    }\n  }\n"): (typeof documents)["\n  query StaffNotices {\n    staffNotices {\n      id titleJa bodyJa titleEn bodyEn publishFrom publishUntil publishedOn state createdAt updatedAt withdrawnAt\n      createdBy { id name } updatedBy { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveNotice($input: NoticeInput!) {\n    saveNotice(input: $input) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveNotice($input: NoticeInput!) {\n    saveNotice(input: $input) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawNotice($id: ID!) {\n    withdrawNotice(id: $id) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawNotice($id: ID!) {\n    withdrawNotice(id: $id) {\n      __typename\n      ... on NoticeSaved { notice { id state } }\n      ... on ErrorResult { code message }\n      ... on InputValidationError { fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditFilter!, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { seq at staffId staffName bureau action target reason receptionNumber requestId ip details } }\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditFilter!, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { seq at staffId staffName bureau action target reason receptionNumber requestId ip details } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditChainStatus {\n    auditChainStatus { ok checkedEvents firstBrokenSeq }\n  }\n"): (typeof documents)["\n  query AuditChainStatus {\n    auditChainStatus { ok checkedEvents firstBrokenSeq }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEventsCsv($filter: AuditFilter!) {\n    auditEventsCsv(filter: $filter)\n  }\n"): (typeof documents)["\n  query AuditEventsCsv($filter: AuditFilter!) {\n    auditEventsCsv(filter: $filter)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffMe {\n    staffMe { id loginId name bureau roles status lastLoginAt }\n  }\n"): (typeof documents)["\n  query StaffMe {\n    staffMe { id loginId name bureau roles status lastLoginAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffEnrolment($token: String!) {\n    staffEnrolment(token: $token) { loginId name bureau expiresAt totpSecret otpauthUrl totpQrCode }\n  }\n"): (typeof documents)["\n  query StaffEnrolment($token: String!) {\n    staffEnrolment(token: $token) { loginId name bureau expiresAt totpSecret otpauthUrl totpQrCode }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffPasskeyRegistrationOptions($token: String!) {\n    staffPasskeyRegistrationOptions(token: $token)\n  }\n"): (typeof documents)["\n  mutation StaffPasskeyRegistrationOptions($token: String!) {\n    staffPasskeyRegistrationOptions(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrolStaff($input: EnrolStaffInput!) {\n    enrolStaff(input: $input) {\n      __typename\n      ... on StaffEnrolled { loginId secondFactors }\n      ... on InvalidLinkError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation EnrolStaff($input: EnrolStaffInput!) {\n    enrolStaff(input: $input) {\n      __typename\n      ... on StaffEnrolled { loginId secondFactors }\n      ... on InvalidLinkError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffLogin($input: StaffLoginInput!) {\n    staffLogin(input: $input) {\n      __typename\n      ... on StaffSecondFactorRequired { challengeId methods expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on NetworkNotAllowedError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation StaffLogin($input: StaffLoginInput!) {\n    staffLogin(input: $input) {\n      __typename\n      ... on StaffSecondFactorRequired { challengeId methods expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on NetworkNotAllowedError { code message }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffVerifyTotp($input: StaffTotpInput!) {\n    staffVerifyTotp(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation StaffVerifyTotp($input: StaffTotpInput!) {\n    staffVerifyTotp(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffPasskeyOptions($challengeId: String!) {\n    staffPasskeyOptions(challengeId: $challengeId)\n  }\n"): (typeof documents)["\n  mutation StaffPasskeyOptions($challengeId: String!) {\n    staffPasskeyOptions(challengeId: $challengeId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffVerifyPasskey($input: StaffPasskeyInput!) {\n    staffVerifyPasskey(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"): (typeof documents)["\n  mutation StaffVerifyPasskey($input: StaffPasskeyInput!) {\n    staffVerifyPasskey(input: $input) {\n      __typename\n      ... on StaffLoginSuccess { token expiresAt }\n      ... on InvalidCredentialsError { code message }\n      ... on AccountLockedError { code message lockedUntil }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffLogout {\n    staffLogout { __typename ... on LoggedOut { ok } }\n  }\n"): (typeof documents)["\n  mutation StaffLogout {\n    staffLogout { __typename ... on LoggedOut { ok } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffMembers {\n    staffMembers { id loginId name bureau roles status secondFactors enrolledAt lockedUntil lastLoginAt createdAt }\n  }\n"): (typeof documents)["\n  query StaffMembers {\n    staffMembers { id loginId name bureau roles status secondFactors enrolledAt lockedUntil lastLoginAt createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStaffMember($input: StaffMemberInput!) {\n    createStaffMember(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateStaffMember($input: StaffMemberInput!) {\n    createStaffMember(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStaffRoles($input: StaffRolesInput!) {\n    setStaffRoles(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation SetStaffRoles($input: StaffRolesInput!) {\n    setStaffRoles(input: $input) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableStaffMember($id: ID!) {\n    disableStaffMember(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation DisableStaffMember($id: ID!) {\n    disableStaffMember(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetStaffSecondFactor($id: ID!) {\n    resetStaffSecondFactor(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetStaffSecondFactor($id: ID!) {\n    resetStaffSecondFactor(id: $id) {\n      __typename\n      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }\n      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }\n      ... on StaffNotFoundError { code message }\n      ... on SelfActionError { code message }\n      ... on InvalidStateError { code message }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;