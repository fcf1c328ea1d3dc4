import { graphql } from './generated';

/** The applicant search and detail, the actions on an account, the approvals (docs/spec/staff.md). */

export const ApplicantsQuery = graphql(`
  query Applicants($filter: ApplicantFilter!, $first: Int, $after: String) {
    applicants(filter: $filter, first: $first, after: $after) {
      hasNextPage endCursor
      nodes { authId name email birthDate status userClass locked lockedUntil registeredAt lastLoginAt }
    }
  }
`);

export const ApplicantQuery = graphql(`
  query Applicant($authId: String!) {
    applicant(authId: $authId) {
      authId name sex birthDate email phone residenceAddress residenceCode userClass language status locked lockedUntil
      failedLoginCount registeredAt lastLoginAt passwordChangedAt passwordExpiresAt usageExpiresAt deletedAt erasedAt
      recentMails { kind to state attempts createdAt sentAt }
      recentEvents { type at ip reason }
      coes { number state issuedOn expiresOn mailedAt receiptRegisteredAt revokedAt }
    }
  }
`);

export const PendingApprovalsQuery = graphql(`
  query PendingApprovals {
    approvalRequests(state: PENDING) { id }
  }
`);

export const ApprovalRequestsQuery = graphql(`
  query ApprovalRequests($state: ApprovalState) {
    approvalRequests(state: $state) {
      id kind state authId newEmail reason receptionNumber requestedAt expiresAt decidedAt decisionReason
      requestedBy { id name bureau }
      decidedBy { id name bureau }
    }
  }
`);

export const UnlockApplicantMutation = graphql(`
  mutation UnlockApplicant($input: ApplicantActionInput!) {
    unlockApplicant(input: $input) {
      __typename
      ... on ApplicantActionDone { applicant { authId } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const SendPasswordResetLinkMutation = graphql(`
  mutation SendPasswordResetLink($input: ApplicantActionInput!) {
    sendPasswordResetLink(input: $input) {
      __typename
      ... on ApplicantActionDone { applicant { authId } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const SuspendApplicantMutation = graphql(`
  mutation SuspendApplicant($input: ApplicantActionInput!) {
    suspendApplicant(input: $input) {
      __typename
      ... on ApplicantActionDone { applicant { authId } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const ResumeApplicantMutation = graphql(`
  mutation ResumeApplicant($input: ApplicantActionInput!) {
    resumeApplicant(input: $input) {
      __typename
      ... on ApplicantActionDone { applicant { authId } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const SetUsageExpiryMutation = graphql(`
  mutation SetUsageExpiry($input: UsageExpiryInput!) {
    setUsageExpiry(input: $input) {
      __typename
      ... on ApplicantActionDone { applicant { authId } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const RenotifyAuthIdMutation = graphql(`
  mutation RenotifyAuthId($input: RenotifyAuthIdInput!) {
    renotifyAuthId(input: $input) {
      __typename
      ... on AuthIdRenotified { mailedTo }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const RequestApplicantDeletionMutation = graphql(`
  mutation RequestApplicantDeletion($input: ApplicantActionInput!) {
    requestApplicantDeletion(input: $input) {
      __typename
      ... on ApprovalRequested { request { id } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const RequestEmailCorrectionMutation = graphql(`
  mutation RequestEmailCorrection($input: EmailCorrectionInput!) {
    requestEmailCorrection(input: $input) {
      __typename
      ... on ApprovalRequested { request { id } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);

export const DecideApprovalRequestMutation = graphql(`
  mutation DecideApprovalRequest($input: ApprovalDecisionInput!) {
    decideApprovalRequest(input: $input) {
      __typename
      ... on ApprovalDecided { request { id state } }
      ... on ErrorResult { code message }
      ... on InputValidationError { fieldErrors { field code message shortMessage } }
    }
  }
`);
