import { graphql } from './generated';

/**
 * Every operation the staff console sends to /staff/graphql (docs/spec/staff.md). graphql-codegen types them against
 * staff.schema.graphql into ./generated, apart from the applicant pages' types, so a staff field can never slip into an
 * applicant page or the other way round.
 */


export const StaffMeQuery = graphql(`
  query StaffMe {
    staffMe { id loginId name bureau roles status lastLoginAt }
  }
`);

export const StaffEnrolmentQuery = graphql(`
  query StaffEnrolment($token: String!) {
    staffEnrolment(token: $token) { loginId name bureau expiresAt totpSecret otpauthUrl totpQrCode }
  }
`);

export const StaffPasskeyRegistrationOptionsMutation = graphql(`
  mutation StaffPasskeyRegistrationOptions($token: String!) {
    staffPasskeyRegistrationOptions(token: $token)
  }
`);

export const EnrolStaffMutation = graphql(`
  mutation EnrolStaff($input: EnrolStaffInput!) {
    enrolStaff(input: $input) {
      __typename
      ... on StaffEnrolled { loginId secondFactors }
      ... on InvalidLinkError { code message }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const StaffLoginMutation = graphql(`
  mutation StaffLogin($input: StaffLoginInput!) {
    staffLogin(input: $input) {
      __typename
      ... on StaffSecondFactorRequired { challengeId methods expiresAt }
      ... on InvalidCredentialsError { code message }
      ... on AccountLockedError { code message lockedUntil }
      ... on NetworkNotAllowedError { code message }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const StaffVerifyTotpMutation = graphql(`
  mutation StaffVerifyTotp($input: StaffTotpInput!) {
    staffVerifyTotp(input: $input) {
      __typename
      ... on StaffLoginSuccess { token expiresAt }
      ... on InvalidCredentialsError { code message }
      ... on AccountLockedError { code message lockedUntil }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const StaffPasskeyOptionsMutation = graphql(`
  mutation StaffPasskeyOptions($challengeId: String!) {
    staffPasskeyOptions(challengeId: $challengeId)
  }
`);

export const StaffVerifyPasskeyMutation = graphql(`
  mutation StaffVerifyPasskey($input: StaffPasskeyInput!) {
    staffVerifyPasskey(input: $input) {
      __typename
      ... on StaffLoginSuccess { token expiresAt }
      ... on InvalidCredentialsError { code message }
      ... on AccountLockedError { code message lockedUntil }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
    }
  }
`);

export const StaffLogoutMutation = graphql(`
  mutation StaffLogout {
    staffLogout { __typename ... on LoggedOut { ok } }
  }
`);

export const StaffMembersQuery = graphql(`
  query StaffMembers {
    staffMembers { id loginId name bureau roles status secondFactors enrolledAt lockedUntil lastLoginAt createdAt }
  }
`);


export const CreateStaffMemberMutation = graphql(`
  mutation CreateStaffMember($input: StaffMemberInput!) {
    createStaffMember(input: $input) {
      __typename
      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on StaffNotFoundError { code message }
      ... on SelfActionError { code message }
      ... on InvalidStateError { code message }
    }
  }
`);

export const SetStaffRolesMutation = graphql(`
  mutation SetStaffRoles($input: StaffRolesInput!) {
    setStaffRoles(input: $input) {
      __typename
      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on StaffNotFoundError { code message }
      ... on SelfActionError { code message }
      ... on InvalidStateError { code message }
    }
  }
`);

export const DisableStaffMemberMutation = graphql(`
  mutation DisableStaffMember($id: ID!) {
    disableStaffMember(id: $id) {
      __typename
      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on StaffNotFoundError { code message }
      ... on SelfActionError { code message }
      ... on InvalidStateError { code message }
    }
  }
`);

export const ResetStaffSecondFactorMutation = graphql(`
  mutation ResetStaffSecondFactor($id: ID!) {
    resetStaffSecondFactor(id: $id) {
      __typename
      ... on StaffMemberSaved { staff { id loginId name bureau roles status } }
      ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      ... on StaffNotFoundError { code message }
      ... on SelfActionError { code message }
      ... on InvalidStateError { code message }
    }
  }
`);
